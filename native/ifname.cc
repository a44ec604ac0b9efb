// ifNameToIndex(name) -> index (0 when absent), ifIndexToName(index) -> name | null.
// <net/if.h> needs <sys/types.h> and <sys/socket.h> first on the BSDs.
#include <sys/types.h>
#include <sys/socket.h>
#include <net/if.h>
#include <string.h>

#include <string>

#include "addon.h"
#include "args.h"
#include "errors.h"

namespace pfroute {
namespace {

Napi::Value IfNameToIndex(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string name;
  if (!ArgString(info, 0, "name", &name)) return env.Undefined();
  // Names with an embedded NUL or longer than the kernel allows name nothing.
  if (name.empty() || name.size() >= IF_NAMESIZE || name.find('\0') != std::string::npos) {
    return Napi::Number::New(env, 0);
  }
  return Napi::Number::New(env, if_nametoindex(name.c_str()));
}

Napi::Value IfIndexToName(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t index;
  if (!ArgUint32(info, 0, "index", &index)) return env.Undefined();
  if (index == 0) return env.Null();
  char buf[IF_NAMESIZE + 1];
  memset(buf, 0, sizeof buf);
  if (if_indextoname(index, buf) == nullptr) return env.Null();
  return Napi::String::New(env, buf);
}

}  // namespace

void InitIfName(Napi::Env env, Napi::Object exports) {
  exports.Set("ifNameToIndex", Napi::Function::New(env, IfNameToIndex, "ifNameToIndex"));
  exports.Set("ifIndexToName", Napi::Function::New(env, IfIndexToName, "ifIndexToName"));
}

}  // namespace pfroute
