// Node-style errors for the pfroute shim: system errors carrying `code`,
// `errno` (negative, as Node reports it) and `syscall`, plus the TypeError /
// RangeError helpers used by argument checking.
//
// The addon is built without C++ exceptions (node-addon-api `node_addon_api`
// target): every helper here *throws into JS* (ThrowAsJavaScriptException) and
// the caller must return immediately afterwards.
#ifndef PFROUTE_NATIVE_ERRORS_H_
#define PFROUTE_NATIVE_ERRORS_H_

#include <napi.h>

namespace pfroute {

// Builds (does not throw) an Error for a positive host errno value, e.g.
// `socket EAFNOSUPPORT: address family not supported by protocol`.
Napi::Error MakeSystemError(Napi::Env env, int err, const char* syscall);

// Builds and throws a system error. Returns an undefined Value to allow
// `return ThrowSystemError(...)` in Napi::Value-returning functions.
Napi::Value ThrowSystemError(Napi::Env env, int err, const char* syscall);

// Throws TypeError (code ERR_INVALID_ARG_TYPE) / RangeError (ERR_OUT_OF_RANGE).
Napi::Value ThrowTypeError(Napi::Env env, const char* message);
Napi::Value ThrowRangeError(Napi::Env env, const char* message);

// Node's "EOF" pseudo errno (UV_EOF), used when a connection-oriented peer
// (SOCK_SEQPACKET) hangs up.
constexpr int kErrEOF = 4095;

}  // namespace pfroute

#endif  // PFROUTE_NATIVE_ERRORS_H_
