#include "args.h"

#include <limits.h>
#include <math.h>

#include "errors.h"

namespace pfroute {

namespace {

bool Fail(const Napi::CallbackInfo& info, bool range, const char* name, const char* what) {
  std::string message = std::string("The \"") + name + "\" argument " + what;
  if (range) {
    ThrowRangeError(info.Env(), message.c_str());
  } else {
    ThrowTypeError(info.Env(), message.c_str());
  }
  return false;
}

}  // namespace

bool ArgInt(const Napi::CallbackInfo& info, size_t index, const char* name,
            int64_t min, int64_t max, int64_t* out) {
  if (index >= info.Length() || !info[index].IsNumber()) {
    return Fail(info, false, name, "must be of type number");
  }
  double value = info[index].As<Napi::Number>().DoubleValue();
  if (!isfinite(value) || trunc(value) != value) {
    return Fail(info, true, name, "must be an integer");
  }
  if (value < static_cast<double>(min) || value > static_cast<double>(max)) {
    std::string what = "must be >= " + std::to_string(min) + " and <= " + std::to_string(max);
    return Fail(info, true, name, what.c_str());
  }
  *out = static_cast<int64_t>(value);
  return true;
}

bool ArgInt32(const Napi::CallbackInfo& info, size_t index, const char* name, int* out) {
  int64_t v;
  if (!ArgInt(info, index, name, INT_MIN, INT_MAX, &v)) return false;
  *out = static_cast<int>(v);
  return true;
}

bool ArgFd(const Napi::CallbackInfo& info, size_t index, const char* name, int* out) {
  int64_t v;
  if (!ArgInt(info, index, name, 0, INT_MAX, &v)) return false;
  *out = static_cast<int>(v);
  return true;
}

bool ArgUint32(const Napi::CallbackInfo& info, size_t index, const char* name, uint32_t* out) {
  int64_t v;
  if (!ArgInt(info, index, name, 0, UINT32_MAX, &v)) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

bool ArgString(const Napi::CallbackInfo& info, size_t index, const char* name, std::string* out) {
  if (index >= info.Length() || !info[index].IsString()) {
    return Fail(info, false, name, "must be of type string");
  }
  *out = info[index].As<Napi::String>().Utf8Value();
  return true;
}

bool ArgFunction(const Napi::CallbackInfo& info, size_t index, const char* name,
                 Napi::Function* out) {
  if (index >= info.Length() || !info[index].IsFunction()) {
    return Fail(info, false, name, "must be of type function");
  }
  *out = info[index].As<Napi::Function>();
  return true;
}

bool ArgBytes(const Napi::CallbackInfo& info, size_t index, const char* name,
              const uint8_t** data, size_t* length) {
  if (index < info.Length()) {
    napi_env env = info.Env();
    napi_value value = info[index];
    bool is = false;
    if (napi_is_typedarray(env, value, &is) == napi_ok && is) {
      napi_typedarray_type type;
      size_t count = 0;
      void* ptr = nullptr;
      napi_value ab;
      size_t offset = 0;
      if (napi_get_typedarray_info(env, value, &type, &count, &ptr, &ab, &offset) != napi_ok) {
        return Fail(info, false, name, "could not be read");
      }
      size_t element = 1;
      switch (type) {
        case napi_int16_array: case napi_uint16_array: element = 2; break;
        case napi_int32_array: case napi_uint32_array: case napi_float32_array: element = 4; break;
        case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: element = 8; break;
        default: element = 1; break;
      }
      *data = static_cast<const uint8_t*>(ptr);
      *length = count * element;
      return true;
    }
    if (napi_is_dataview(env, value, &is) == napi_ok && is) {
      size_t bytes = 0;
      void* ptr = nullptr;
      napi_value ab;
      size_t offset = 0;
      if (napi_get_dataview_info(env, value, &bytes, &ptr, &ab, &offset) != napi_ok) {
        return Fail(info, false, name, "could not be read");
      }
      *data = static_cast<const uint8_t*>(ptr);
      *length = bytes;
      return true;
    }
  }
  return Fail(info, false, name, "must be a Buffer, TypedArray or DataView");
}

}  // namespace pfroute
