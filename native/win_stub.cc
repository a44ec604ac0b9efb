// Windows has no routing socket: the module loads, but its initializer throws,
// so `npm install` never fails there and `native()` reports a clear error.
#include <napi.h>

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  Napi::Error error = Napi::Error::New(
      env, "pfroute: unsupported platform (the kernel routing socket exists on Linux, macOS and the BSDs)");
  error.Set("code", Napi::String::New(env, "ERR_PFROUTE_UNSUPPORTED_PLATFORM"));
  error.ThrowAsJavaScriptException();
  return exports;
}

}  // namespace

NODE_API_MODULE(pfroute, Init)
