// Shared declarations of the pfroute shim: the per-environment state (kept in
// napi instance data, never in statics, so every Worker gets its own) and the
// per-concern registration functions called from the module initializer.
#ifndef PFROUTE_NATIVE_ADDON_H_
#define PFROUTE_NATIVE_ADDON_H_

#include <napi.h>
#include <stddef.h>

#include <memory>

namespace pfroute {

// Size of the one receive buffer each environment reuses for every recv.
constexpr size_t kRecvBufferSize = 256 * 1024;

// Datagrams shorter than this are copied into a slice of Node's Buffer pool
// (Buffer.allocUnsafe serves sizes under half its 8 KiB pool from the pool).
constexpr size_t kPooledDatagramMax = 4096;

struct AddonData {
  Napi::FunctionReference socket_constructor;
  // Buffer.allocUnsafe and Buffer.prototype as they were when the addon
  // loaded (empty if unusable): small datagrams go into pool slices.
  Napi::FunctionReference alloc_unsafe;
  Napi::ObjectReference buffer_prototype;
  // Shared by every Socket of this environment: a JS thread runs one read
  // callback at a time, and datagrams are copied out before JS runs.
  std::unique_ptr<unsigned char[]> recv_buffer{new unsigned char[kRecvBufferSize]};
};

inline AddonData* GetAddonData(Napi::Env env) { return env.GetInstanceData<AddonData>(); }

// Each adds its exports to `exports`. Returns false when an exception is pending.
bool InitSocket(Napi::Env env, Napi::Object exports, AddonData* data);  // socket.cc
bool InitConstants(Napi::Env env, Napi::Object exports);                // constants.cc
void InitNetlink(Napi::Env env, Napi::Object exports);                  // netlink.cc
void InitSysctl(Napi::Env env, Napi::Object exports);                   // sysctl.cc
void InitIfName(Napi::Env env, Napi::Object exports);                   // ifname.cc
void InitFd(Napi::Env env, Napi::Object exports);                       // fd.cc

// Makes fd non-blocking and close-on-exec (the fcntl path, for descriptors
// not created with SOCK_NONBLOCK | SOCK_CLOEXEC). Returns 0 or a positive errno.
int SetNonBlockCloexec(int fd);

}  // namespace pfroute

#endif  // PFROUTE_NATIVE_ADDON_H_
