// netlinkBind(fd, groups) -> port id. Linux only; elsewhere it throws ENOTSUP.
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#ifdef __linux__
#include <linux/netlink.h>
#endif

#include "addon.h"
#include "args.h"
#include "errors.h"

namespace pfroute {
namespace {

Napi::Value NetlinkBind(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int fd;
  uint32_t groups;
  if (!ArgFd(info, 0, "fd", &fd) || !ArgUint32(info, 1, "groups", &groups)) {
    return env.Undefined();
  }
#ifdef __linux__
  struct sockaddr_nl addr;
  memset(&addr, 0, sizeof addr);
  addr.nl_family = AF_NETLINK;
  addr.nl_pid = 0;  // let the kernel assign the port id
  addr.nl_groups = groups;
  if (bind(fd, reinterpret_cast<struct sockaddr*>(&addr), sizeof addr) < 0) {
    return ThrowSystemError(env, errno, "bind");
  }
  struct sockaddr_nl bound;
  memset(&bound, 0, sizeof bound);
  socklen_t len = sizeof bound;
  if (getsockname(fd, reinterpret_cast<struct sockaddr*>(&bound), &len) < 0) {
    return ThrowSystemError(env, errno, "getsockname");
  }
  return Napi::Number::New(env, bound.nl_pid);
#else
  (void)fd;
  (void)groups;
  return ThrowSystemError(env, ENOTSUP, "bind");
#endif
}

}  // namespace

void InitNetlink(Napi::Env env, Napi::Object exports) {
  exports.Set("netlinkBind", Napi::Function::New(env, NetlinkBind, "netlinkBind"));
}

}  // namespace pfroute
