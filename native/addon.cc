// Module initializer: installs the per-environment instance data and the
// exports of every concern (socket, constants, netlink, sysctl, ifname, fd).
#include "addon.h"

namespace pfroute {
namespace {

// Keeps Buffer.allocUnsafe (and Buffer.prototype, to check what it returns) for
// the read path; without them every datagram gets an ArrayBuffer of its own
// (napi_create_buffer_copy), as before.
void KeepAllocUnsafe(napi_env env, AddonData* data) {
  napi_value global;
  napi_value buffer;
  napi_value fn;
  napi_value proto;
  napi_valuetype type = napi_undefined;
  if (napi_get_global(env, &global) == napi_ok &&
      napi_get_named_property(env, global, "Buffer", &buffer) == napi_ok &&
      napi_typeof(env, buffer, &type) == napi_ok && type == napi_function &&
      napi_get_named_property(env, buffer, "allocUnsafe", &fn) == napi_ok &&
      napi_typeof(env, fn, &type) == napi_ok && type == napi_function &&
      napi_get_named_property(env, buffer, "prototype", &proto) == napi_ok &&
      napi_typeof(env, proto, &type) == napi_ok && type == napi_object) {
    data->alloc_unsafe = Napi::Persistent(Napi::Function(env, fn));
    data->buffer_prototype = Napi::Persistent(Napi::Object(env, proto));
    return;
  }
  bool pending = false;
  if (napi_is_exception_pending(env, &pending) == napi_ok && pending) {
    napi_value ignored;
    napi_get_and_clear_last_exception(env, &ignored);
  }
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  AddonData* data = new AddonData();
  // The instance data owns `data`; node-addon-api deletes it at env teardown.
  env.SetInstanceData<AddonData>(data);
  KeepAllocUnsafe(env, data);
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
