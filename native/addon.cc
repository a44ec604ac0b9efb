// Module initializer: installs the per-environment instance data and the
// exports of every concern (socket, constants, netlink, sysctl, ifname, fd).
#include "addon.h"

namespace pfroute {
namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  AddonData* data = new AddonData();
  // The instance data owns `data`; node-addon-api deletes it at env teardown.
  env.SetInstanceData<AddonData>(data);
  if (!InitSocket(env, exports, data)) return exports;
  if (!InitConstants(env, exports)) return exports;
  InitNetlink(env, exports);
  InitSysctl(env, exports);
  InitIfName(env, exports);
  InitFd(env, exports);
  return exports;
}

}  // namespace
}  // namespace pfroute

static Napi::Object PfrouteInit(Napi::Env env, Napi::Object exports) {
  return pfroute::Init(env, exports);
}

NODE_API_MODULE(pfroute, PfrouteInit)
