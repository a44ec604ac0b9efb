#include "errors.h"

#include <string.h>
#include <uv.h>

#include <string>

namespace pfroute {

namespace {

// Code and text the way Node names them: libuv's table (which is what
// util.getSystemErrorMap() exposes), falling back to strerror for errnos libuv
// does not know.
void DescribeErrno(int err, std::string* code, std::string* text) {
  if (err == kErrEOF) {
    *code = "EOF";
    *text = "end of file";
    return;
  }
  char name[64];
  uv_err_name_r(-err, name, sizeof name);
  if (strncmp(name, "Unknown", 7) == 0) {
    *code = "E" + std::to_string(err);
    const char* s = strerror(err);
    *text = s ? s : "unknown error";
    return;
  }
  *code = name;
  char msg[256];
  uv_strerror_r(-err, msg, sizeof msg);
  *text = msg;
}

Napi::Value ThrowCoded(Napi::Error error, const char* code) {
  error.Set("code", Napi::String::New(error.Env(), code));
  error.ThrowAsJavaScriptException();
  return error.Env().Undefined();
}

}  // namespace

Napi::Error MakeSystemError(Napi::Env env, int err, const char* syscall) {
  std::string code;
  std::string text;
  DescribeErrno(err, &code, &text);
  std::string message = std::string(syscall) + " " + code + ": " + text;
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("errno", Napi::Number::New(env, -err));
  error.Set("code", Napi::String::New(env, code));
  error.Set("syscall", Napi::String::New(env, syscall));
  return error;
}

Napi::Value ThrowSystemError(Napi::Env env, int err, const char* syscall) {
  MakeSystemError(env, err, syscall).ThrowAsJavaScriptException();
  return env.Undefined();
}

Napi::Value ThrowTypeError(Napi::Env env, const char* message) {
  return ThrowCoded(Napi::TypeError::New(env, message), "ERR_INVALID_ARG_TYPE");
}

Napi::Value ThrowRangeError(Napi::Env env, const char* message) {
  return ThrowCoded(Napi::RangeError::New(env, message), "ERR_OUT_OF_RANGE");
}

}  // namespace pfroute
