// sysctl(mib) -> Buffer, on macOS and the BSDs: probe the size, allocate with
// slack, read, and retry when the table grew in between (ENOMEM). Linux has no
// sysctl(2) any more; there it throws ENOSYS.
#include <errno.h>
#include <stddef.h>
#include <sys/types.h>

#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__) || defined(__DragonFly__)
#define PFROUTE_HAVE_SYSCTL 1
#include <sys/param.h>
#include <sys/sysctl.h>
#include <vector>
#endif

#include "addon.h"
#include "args.h"
#include "errors.h"

namespace pfroute {
namespace {

#ifdef PFROUTE_HAVE_SYSCTL
constexpr size_t kMaxMib = CTL_MAXNAME;
#else
constexpr size_t kMaxMib = 24;
#endif
constexpr int kAttempts = 5;

Napi::Value Sysctl(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArray()) {
    return ThrowTypeError(env, "The \"mib\" argument must be an array of integers");
  }
  Napi::Array arr = info[0].As<Napi::Array>();
  uint32_t count = arr.Length();
  if (count < 1 || count > kMaxMib) {
    return ThrowRangeError(env, "The \"mib\" argument must have between 1 and CTL_MAXNAME entries");
  }
  int mib[kMaxMib];
  for (uint32_t i = 0; i < count; i++) {
    Napi::Value v = arr.Get(i);
    if (env.IsExceptionPending()) return env.Undefined();
    if (!v.IsNumber()) return ThrowTypeError(env, "The \"mib\" argument must be an array of integers");
    double d = v.As<Napi::Number>().DoubleValue();
    if (!(d >= -2147483648.0 && d <= 2147483647.0) || static_cast<double>(static_cast<int>(d)) != d) {
      return ThrowRangeError(env, "The \"mib\" entries must be 32-bit integers");
    }
    mib[i] = static_cast<int>(d);
  }
#ifdef PFROUTE_HAVE_SYSCTL
  for (int attempt = 0; attempt < kAttempts; attempt++) {
    size_t needed = 0;
    if (sysctl(mib, count, nullptr, &needed, nullptr, 0) < 0) {
      return ThrowSystemError(env, errno, "sysctl");
    }
    if (needed == 0) return Napi::Buffer<char>::New(env, 0);
    // Slack for entries added between the probe and the read.
    size_t capacity = needed + needed / 8 + 4096;
    std::vector<char> buf(capacity);
    size_t got = capacity;
    if (sysctl(mib, count, buf.data(), &got, nullptr, 0) < 0) {
      if (errno == ENOMEM) continue;  // the table outgrew the slack; probe again
      return ThrowSystemError(env, errno, "sysctl");
    }
    return Napi::Buffer<char>::Copy(env, buf.data(), got);
  }
  return ThrowSystemError(env, ENOMEM, "sysctl");
#else
  (void)mib;
  return ThrowSystemError(env, ENOSYS, "sysctl");
#endif
}

}  // namespace

void InitSysctl(Napi::Env env, Napi::Object exports) {
  exports.Set("sysctl", Napi::Function::New(env, Sysctl, "sysctl"));
}

}  // namespace pfroute
