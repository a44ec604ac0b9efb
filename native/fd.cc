// Descriptor creation and disposal: open (socket), socketPair, closeFd.
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "addon.h"
#include "args.h"
#include "errors.h"

namespace pfroute {

int SetNonBlockCloexec(int fd) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return errno;
  if (!(flags & O_NONBLOCK) && fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return errno;
  int fdflags = fcntl(fd, F_GETFD);
  if (fdflags < 0) return errno;
  if (!(fdflags & FD_CLOEXEC) && fcntl(fd, F_SETFD, fdflags | FD_CLOEXEC) < 0) return errno;
  return 0;
}

namespace {

// close() without retrying on EINTR: the descriptor is gone either way, and a
// retry could close a descriptor another thread has just been given.
int CloseNoRetry(int fd) {
  if (close(fd) == 0) return 0;
  return errno == EINTR ? 0 : errno;
}

#if defined(__APPLE__) && defined(SO_NOSIGPIPE)
void NoSigpipe(int fd) {
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
}
#endif

// open(domain, type, protocol) -> fd, non-blocking and close-on-exec.
Napi::Value Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int domain, type, protocol;
  if (!ArgInt32(info, 0, "domain", &domain) || !ArgInt32(info, 1, "type", &type) ||
      !ArgInt32(info, 2, "protocol", &protocol)) {
    return env.Undefined();
  }
#if defined(SOCK_NONBLOCK) && defined(SOCK_CLOEXEC)
  int fd = socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
  if (fd < 0) return ThrowSystemError(env, errno, "socket");
#else
  int fd = socket(domain, type, protocol);
  if (fd < 0) return ThrowSystemError(env, errno, "socket");
  int err = SetNonBlockCloexec(fd);
  if (err != 0) {
    CloseNoRetry(fd);
    return ThrowSystemError(env, err, "fcntl");
  }
#endif
#if defined(__APPLE__) && defined(SO_NOSIGPIPE)
  NoSigpipe(fd);
#endif
  return Napi::Number::New(env, fd);
}

// socketPair(type) -> [fd, fd]: an AF_UNIX pair, close-on-exec, for adoption
// tests and for handing a descriptor to / from a privileged helper.
Napi::Value SocketPair(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int type;
  if (!ArgInt32(info, 0, "type", &type)) return env.Undefined();
  int fds[2];
#ifdef SOCK_CLOEXEC
  if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds) < 0) {
    return ThrowSystemError(env, errno, "socketpair");
  }
#else
  if (socketpair(AF_UNIX, type, 0, fds) < 0) return ThrowSystemError(env, errno, "socketpair");
  for (int fd : fds) {
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) {
      int err = errno;
      CloseNoRetry(fds[0]);
      CloseNoRetry(fds[1]);
      return ThrowSystemError(env, err, "fcntl");
    }
  }
#endif
#if defined(__APPLE__) && defined(SO_NOSIGPIPE)
  NoSigpipe(fds[0]);
  NoSigpipe(fds[1]);
#endif
  Napi::Array result = Napi::Array::New(env, 2);
  result.Set(uint32_t{0}, Napi::Number::New(env, fds[0]));
  result.Set(uint32_t{1}, Napi::Number::New(env, fds[1]));
  return result;
}

// closeFd(fd) for descriptors no Socket owns.
Napi::Value CloseFd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int fd;
  if (!ArgFd(info, 0, "fd", &fd)) return env.Undefined();
  int err = CloseNoRetry(fd);
  if (err != 0) return ThrowSystemError(env, err, "close");
  return env.Undefined();
}

}  // namespace

void InitFd(Napi::Env env, Napi::Object exports) {
  exports.Set("open", Napi::Function::New(env, Open, "open"));
  exports.Set("socketPair", Napi::Function::New(env, SocketPair, "socketPair"));
  exports.Set("closeFd", Napi::Function::New(env, CloseFd, "closeFd"));
}

}  // namespace pfroute
