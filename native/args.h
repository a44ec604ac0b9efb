// Argument checking for every exported function and method. Each helper
// validates one argument, throws TypeError / RangeError into JS on failure and
// returns false; callers return right away when a helper returns false.
#ifndef PFROUTE_NATIVE_ARGS_H_
#define PFROUTE_NATIVE_ARGS_H_

#include <napi.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

namespace pfroute {

// An integral Number in [min, max]. Non-numbers (and missing arguments) are a
// TypeError; fractional, non-finite or out-of-range numbers a RangeError.
bool ArgInt(const Napi::CallbackInfo& info, size_t index, const char* name,
            int64_t min, int64_t max, int64_t* out);

// Convenience wrappers for the common ranges.
bool ArgInt32(const Napi::CallbackInfo& info, size_t index, const char* name, int* out);
bool ArgFd(const Napi::CallbackInfo& info, size_t index, const char* name, int* out);
bool ArgUint32(const Napi::CallbackInfo& info, size_t index, const char* name, uint32_t* out);

bool ArgString(const Napi::CallbackInfo& info, size_t index, const char* name, std::string* out);
bool ArgFunction(const Napi::CallbackInfo& info, size_t index, const char* name,
                 Napi::Function* out);

// A Buffer / TypedArray / DataView; yields a pointer into its memory.
bool ArgBytes(const Napi::CallbackInfo& info, size_t index, const char* name,
              const uint8_t** data, size_t* length);

}  // namespace pfroute

#endif  // PFROUTE_NATIVE_ARGS_H_
