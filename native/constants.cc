// `platform`, `constants` and `sizes`: compile-time facts of the platform the
// shim was built for. Every constant comes from the real system macro; the ones
// a platform lacks are simply absent.
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <net/if.h>

#ifdef __linux__
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#endif

#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__) || defined(__DragonFly__)
#define PFROUTE_BSD_ROUTE 1
#include <sys/param.h>
#include <sys/sysctl.h>
#include <net/if_dl.h>
#include <net/route.h>
#endif

#include "addon.h"

namespace pfroute {
namespace {

const char* Platform() {
#if defined(__linux__)
  return "linux";
#elif defined(__APPLE__)
  return "darwin";
#elif defined(__FreeBSD__) || defined(__DragonFly__)
  return "freebsd";  // Node reports DragonFly as freebsd as well
#elif defined(__OpenBSD__)
  return "openbsd";
#elif defined(__NetBSD__)
  return "netbsd";
#else
  return "unknown";
#endif
}

#define PFROUTE_CONST(name) constants.Set(#name, Napi::Number::New(env, static_cast<double>(name)))

Napi::Object Constants(Napi::Env env) {
  Napi::Object constants = Napi::Object::New(env);
  PFROUTE_CONST(PF_ROUTE);
  PFROUTE_CONST(AF_UNSPEC);
  PFROUTE_CONST(AF_INET);
  PFROUTE_CONST(AF_INET6);
  PFROUTE_CONST(AF_UNIX);
  PFROUTE_CONST(SOCK_RAW);
  PFROUTE_CONST(SOCK_DGRAM);
  PFROUTE_CONST(SOCK_SEQPACKET);
  PFROUTE_CONST(SOL_SOCKET);
  PFROUTE_CONST(SO_RCVBUF);
  PFROUTE_CONST(SO_SNDBUF);
  PFROUTE_CONST(SO_TYPE);
  PFROUTE_CONST(SHUT_RD);
  PFROUTE_CONST(SHUT_WR);
#ifdef SO_USELOOPBACK
  PFROUTE_CONST(SO_USELOOPBACK);
#endif
#ifdef SO_RERROR
  PFROUTE_CONST(SO_RERROR);
#endif
#ifdef __linux__
  PFROUTE_CONST(AF_NETLINK);
  PFROUTE_CONST(NETLINK_ROUTE);
#ifdef SOL_NETLINK
  PFROUTE_CONST(SOL_NETLINK);
#endif
  PFROUTE_CONST(NETLINK_ADD_MEMBERSHIP);
  PFROUTE_CONST(NETLINK_DROP_MEMBERSHIP);
#ifdef NETLINK_EXT_ACK
  PFROUTE_CONST(NETLINK_EXT_ACK);
#endif
#ifdef NETLINK_NO_ENOBUFS
  PFROUTE_CONST(NETLINK_NO_ENOBUFS);
#endif
#ifdef NETLINK_GET_STRICT_CHK
  PFROUTE_CONST(NETLINK_GET_STRICT_CHK);
#endif
#ifdef SO_RCVBUFFORCE
  PFROUTE_CONST(SO_RCVBUFFORCE);
#endif
#endif  // __linux__
#ifdef PFROUTE_BSD_ROUTE
  PFROUTE_CONST(CTL_NET);
  PFROUTE_CONST(NET_RT_DUMP);
  PFROUTE_CONST(NET_RT_FLAGS);
  PFROUTE_CONST(NET_RT_IFLIST);
#endif
  return constants;
}

#undef PFROUTE_CONST

#define PFROUTE_SIZE(key, value) sizes.Set(key, Napi::Number::New(env, static_cast<double>(value)))

Napi::Object Sizes(Napi::Env env) {
  Napi::Object sizes = Napi::Object::New(env);
#ifdef PFROUTE_BSD_ROUTE
  PFROUTE_SIZE("rt_msghdr", sizeof(struct rt_msghdr));
  PFROUTE_SIZE("rt_metrics", sizeof(struct rt_metrics));
  PFROUTE_SIZE("if_msghdr", sizeof(struct if_msghdr));
  PFROUTE_SIZE("ifa_msghdr", sizeof(struct ifa_msghdr));
#ifdef RTM_NEWMADDR
  PFROUTE_SIZE("ifma_msghdr", sizeof(struct ifma_msghdr));
#endif
#ifdef RTM_IFANNOUNCE
  PFROUTE_SIZE("if_announcemsghdr", sizeof(struct if_announcemsghdr));
#endif
  PFROUTE_SIZE("sockaddr_dl", sizeof(struct sockaddr_dl));
  PFROUTE_SIZE("sockaddr_in6", sizeof(struct sockaddr_in6));
  PFROUTE_SIZE("rt_msghdr.rtm_rmx", offsetof(struct rt_msghdr, rtm_rmx));
  PFROUTE_SIZE("rt_msghdr.rtm_inits", offsetof(struct rt_msghdr, rtm_inits));
#endif
  return sizes;
}

#undef PFROUTE_SIZE

}  // namespace

bool InitConstants(Napi::Env env, Napi::Object exports) {
  Napi::Object constants = Constants(env);
  Napi::Object sizes = Sizes(env);
  constants.Freeze();
  sizes.Freeze();
  if (env.IsExceptionPending()) return false;
  exports.Set("platform", Napi::String::New(env, Platform()));
  exports.Set("constants", constants);
  exports.Set("sizes", sizes);
  return !env.IsExceptionPending();
}

}  // namespace pfroute
