#include "socket.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <initializer_list>

#include "addon.h"
#include "args.h"
#include "errors.h"

namespace pfroute {

namespace {

// Marks objects built by this constructor, so a foreign `this` is detected
// before napi_unwrap (which would throw a plain Error, not a TypeError).
constexpr napi_type_tag kSocketTag = {0x7066726f75746531ULL, 0x536f636b65742e31ULL};

#ifdef __linux__
// MSG_TRUNC on Linux makes recv return the real datagram length.
constexpr int kRecvFlags = MSG_TRUNC | MSG_DONTWAIT;
#elif defined(MSG_DONTWAIT)
constexpr int kRecvFlags = MSG_DONTWAIT;
#else
constexpr int kRecvFlags = 0;
#endif

#if defined(MSG_NOSIGNAL) && defined(MSG_DONTWAIT)
constexpr int kSendFlags = MSG_NOSIGNAL | MSG_DONTWAIT;
#elif defined(MSG_DONTWAIT)
constexpr int kSendFlags = MSG_DONTWAIT;  // macOS: SO_NOSIGPIPE is set on the socket
#else
constexpr int kSendFlags = 0;
#endif

constexpr int64_t kMaxPerWakeLimit = 1 << 20;

// How many POLLERR wake-ups in a row may pass without recv() returning the
// pending error before the socket is reported as broken (see OnReadable).
constexpr int kMaxPollErrStreak = 8;

void DeletePollHandle(uv_handle_t* handle) { delete reinterpret_cast<uv_poll_t*>(handle); }

}  // namespace

template <Napi::Value (Socket::*Method)(const Napi::CallbackInfo&)>
napi_value Socket::Dispatch(napi_env env, napi_callback_info cbinfo) {
  Napi::CallbackInfo info(env, cbinfo);
  napi_value self = info.This();
  napi_valuetype type = napi_undefined;
  bool tagged = false;
  if (self != nullptr && napi_typeof(env, self, &type) == napi_ok && type == napi_object) {
    if (napi_check_object_type_tag(env, self, &kSocketTag, &tagged) != napi_ok) tagged = false;
  }
  if (!tagged) {
    ThrowTypeError(info.Env(), "Illegal invocation: the receiver is not a pfroute native Socket");
    return nullptr;
  }
  Socket* socket = Socket::Unwrap(info.This().As<Napi::Object>());
  if (socket == nullptr) return nullptr;  // exception pending
  Napi::Value result = (socket->*Method)(info);
  return result;
}

Napi::Function Socket::DefineClass(Napi::Env env) {
  constexpr napi_property_attributes kMethod =
      static_cast<napi_property_attributes>(napi_writable | napi_configurable);
  auto method = [](const char* name, napi_callback cb) {
    napi_property_descriptor d = {name, nullptr, cb, nullptr, nullptr, nullptr, kMethod, nullptr};
    return Napi::ClassPropertyDescriptor<Socket>(d);
  };
  napi_property_descriptor fd = {"fd",    nullptr, nullptr,          &Dispatch<&Socket::GetFd>,
                                 nullptr, nullptr, napi_configurable, nullptr};
  return ObjectWrap<Socket>::DefineClass(
      env, "Socket",
      {
          method("start", &Dispatch<&Socket::Start>),
          method("stop", &Dispatch<&Socket::Stop>),
          method("send", &Dispatch<&Socket::Send>),
          method("close", &Dispatch<&Socket::Close>),
          method("ref", &Dispatch<&Socket::RefLoop>),
          method("unref", &Dispatch<&Socket::UnrefLoop>),
          method("setIntOption", &Dispatch<&Socket::SetIntOption>),
          method("getIntOption", &Dispatch<&Socket::GetIntOption>),
          method("shutdown", &Dispatch<&Socket::Shutdown>),
          Napi::ClassPropertyDescriptor<Socket>(fd),
      });
}

// new Socket(fd, onRead, maxDatagramsPerWake). On any failure the descriptor
// is left untouched and not owned.
Socket::Socket(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Socket>(info), env_(info.Env()) {
  Napi::Env env = info.Env();
  int fd;
  Napi::Function on_read;
  int64_t max_per_wake;
  if (!ArgFd(info, 0, "fd", &fd) || !ArgFunction(info, 1, "onRead", &on_read) ||
      !ArgInt(info, 2, "maxDatagramsPerWake", 1, kMaxPerWakeLimit, &max_per_wake)) {
    return;
  }
  int type = 0;
  socklen_t len = sizeof type;
  if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0) {
    ThrowSystemError(env, errno, "getsockopt");
    return;
  }
  int err = SetNonBlockCloexec(fd);
  if (err != 0) {
    ThrowSystemError(env, err, "fcntl");
    return;
  }
#if defined(__APPLE__) && defined(SO_NOSIGPIPE)
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
  if (napi_get_uv_event_loop(env, &loop_) != napi_ok || loop_ == nullptr) {
    Napi::Error::New(env, "pfroute: no event loop for this environment").ThrowAsJavaScriptException();
    return;
  }
  if (napi_add_env_cleanup_hook(env, CleanupHook, this) != napi_ok) {
    Napi::Error::New(env, "pfroute: could not register the cleanup hook").ThrowAsJavaScriptException();
    return;
  }
  hook_ = true;
  if (napi_type_tag_object(env, info.This(), &kSocketTag) != napi_ok) {
    if (!env.IsExceptionPending()) {
      Napi::Error::New(env, "pfroute: could not tag the Socket").ThrowAsJavaScriptException();
    }
    return;  // the destructor removes the hook
  }
  async_context_ = std::make_unique<Napi::AsyncContext>(env, "pfroute:Socket",
                                                        info.This().As<Napi::Object>());
  on_read_ = Napi::Persistent(on_read);
  stream_like_ = type == SOCK_SEQPACKET || type == SOCK_STREAM;
  max_per_wake_ = max_per_wake;
  fd_ = fd;  // owned from here on
}

Socket::~Socket() { Teardown(false); }

void Socket::CleanupHook(void* arg) {
  Socket* socket = static_cast<Socket*>(arg);
  socket->hook_ = false;  // being run now; must not be removed
  socket->Teardown(false);
}

void Socket::Teardown(bool from_js) {
  if (handle_ != nullptr) {
    // libuv: stop/close the poll handle before the descriptor is closed.
    uv_poll_stop(handle_);
    handle_->data = nullptr;
    uv_close(reinterpret_cast<uv_handle_t*>(handle_), DeletePollHandle);
    handle_ = nullptr;
  }
  polling_ = false;
  if (fd_ >= 0) {
    // Never retried on EINTR: the descriptor is released either way.
    close(fd_);
    fd_ = -1;
  }
  if (hook_) {
    napi_remove_env_cleanup_hook(env_, CleanupHook, this);
    hook_ = false;
  }
  if (from_js) {
    ReleaseJsRef();
    on_read_.Reset();
  }
}

void Socket::ReleaseJsRef() {
  if (js_ref_) {
    js_ref_ = false;
    Unref();
  }
}

void Socket::StopPolling() {
  if (handle_ != nullptr && polling_) uv_poll_stop(handle_);
  polling_ = false;
  ReleaseJsRef();
}

Napi::Value Socket::Start(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (fd_ < 0) return ThrowSystemError(env, EBADF, "poll");
  if (polling_) return env.Undefined();
  if (handle_ == nullptr) {
    uv_poll_t* handle = new uv_poll_t;
    int r = uv_poll_init(loop_, handle, fd_);
    if (r < 0) {
      delete handle;  // never registered with the loop
      return ThrowSystemError(env, -r, "uv_poll_init");
    }
    handle->data = this;
    handle_ = handle;
    if (!loop_ref_) uv_unref(reinterpret_cast<uv_handle_t*>(handle_));
  }
  int r = uv_poll_start(handle_, UV_READABLE, OnPoll);
  if (r < 0) return ThrowSystemError(env, -r, "uv_poll_start");
  polling_ = true;
  if (!js_ref_) {
    Ref();  // the wrapper must outlive every poll callback
    js_ref_ = true;
  }
  return env.Undefined();
}

Napi::Value Socket::Stop(const Napi::CallbackInfo& info) {
  StopPolling();
  return info.Env().Undefined();
}

Napi::Value Socket::Close(const Napi::CallbackInfo& info) {
  Teardown(true);
  return info.Env().Undefined();
}

Napi::Value Socket::RefLoop(const Napi::CallbackInfo& info) {
  loop_ref_ = true;
  if (handle_ != nullptr) uv_ref(reinterpret_cast<uv_handle_t*>(handle_));
  return info.Env().Undefined();
}

Napi::Value Socket::UnrefLoop(const Napi::CallbackInfo& info) {
  loop_ref_ = false;
  if (handle_ != nullptr) uv_unref(reinterpret_cast<uv_handle_t*>(handle_));
  return info.Env().Undefined();
}

Napi::Value Socket::GetFd(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), fd_);
}

Napi::Value Socket::Send(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint8_t* data = nullptr;
  size_t length = 0;
  if (!ArgBytes(info, 0, "data", &data, &length)) return env.Undefined();
  if (fd_ < 0) return ThrowSystemError(env, EBADF, "send");
  ssize_t n;
  do {
    n = send(fd_, data, length, kSendFlags);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return ThrowSystemError(env, errno, "send");
  return Napi::Number::New(env, static_cast<double>(n));
}

Napi::Value Socket::SetIntOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int level, name, value;
  if (!ArgInt32(info, 0, "level", &level) || !ArgInt32(info, 1, "name", &name) ||
      !ArgInt32(info, 2, "value", &value)) {
    return env.Undefined();
  }
  if (fd_ < 0) return ThrowSystemError(env, EBADF, "setsockopt");
  if (setsockopt(fd_, level, name, &value, sizeof value) < 0) {
    return ThrowSystemError(env, errno, "setsockopt");
  }
  return env.Undefined();
}

Napi::Value Socket::GetIntOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int level, name;
  if (!ArgInt32(info, 0, "level", &level) || !ArgInt32(info, 1, "name", &name)) {
    return env.Undefined();
  }
  if (fd_ < 0) return ThrowSystemError(env, EBADF, "getsockopt");
  int value = 0;
  socklen_t len = sizeof value;
  if (getsockopt(fd_, level, name, &value, &len) < 0) {
    return ThrowSystemError(env, errno, "getsockopt");
  }
  if (len == 1) value = static_cast<unsigned char>(value & 0xff);  // byte-sized options
  return Napi::Number::New(env, value);
}

Napi::Value Socket::Shutdown(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int how;
  if (!ArgInt32(info, 0, "how", &how)) return env.Undefined();
  if (fd_ < 0) return ThrowSystemError(env, EBADF, "shutdown");
  if (shutdown(fd_, how) < 0) return ThrowSystemError(env, errno, "shutdown");
  return env.Undefined();
}

void Socket::OnPoll(uv_poll_t* handle, int status, int /*events*/) {
  Socket* socket = static_cast<Socket*>(handle->data);
  if (socket == nullptr) return;  // closed; uv_close is pending
  socket->OnReadable(status);
}

bool Socket::Deliver(Napi::Value err, Napi::Array datagrams) {
  if (on_read_.IsEmpty() || !async_context_) return false;
  napi_value args[2] = {err, datagrams};
  napi_value result;
  napi_status status = napi_make_callback(env_, *async_context_, Value(), on_read_.Value(), 2, args,
                                          &result);
  bool pending = status == napi_pending_exception;
  if (!pending) napi_is_exception_pending(env_, &pending);
  if (pending) ReportPendingException();
  return fd_ >= 0 && polling_;
}

void Socket::ReportPendingException() {
  // Raw N-API on purpose: during Worker termination the "exception" is not
  // an Error object and Napi::Error would abort the process.
  napi_value exception;
  if (napi_get_and_clear_last_exception(env_, &exception) == napi_ok) {
    // Reaches process.on('uncaughtException') now, instead of surfacing
    // later from an unrelated call into the addon. A no-op when the
    // environment can no longer run JS.
    napi_fatal_exception(env_, exception);
  }
}

Napi::Value Socket::DatagramBuffer(const unsigned char* bytes, size_t length) {
  Napi::Env env(env_);
  AddonData* data = GetAddonData(env);
  if (length > 0 && length < kPooledDatagramMax && !data->alloc_unsafe.IsEmpty()) {
    // A slice of Node's Buffer pool: no ArrayBuffer of its own to allocate,
    // register and sweep (a route lookup reads four datagrams per wake-up).
    napi_value arg;
    napi_value recv;
    napi_value out;
    if (napi_create_uint32(env_, static_cast<uint32_t>(length), &arg) == napi_ok &&
        napi_get_undefined(env_, &recv) == napi_ok &&
        napi_call_function(env_, recv, data->alloc_unsafe.Value(), 1, &arg, &out) == napi_ok) {
      // Only a real Buffer of the right length is written to (and handed on).
      bool is_buffer = false;
      bool same = false;
      napi_value proto;
      void* dst = nullptr;
      size_t got = 0;
      if (napi_is_buffer(env_, out, &is_buffer) == napi_ok && is_buffer &&
          napi_get_prototype(env_, out, &proto) == napi_ok &&
          napi_strict_equals(env_, proto, data->buffer_prototype.Value(), &same) == napi_ok && same &&
          napi_get_buffer_info(env_, out, &dst, &got) == napi_ok && got == length) {
        memcpy(dst, bytes, length);
        return Napi::Value(env_, out);
      }
    }
    bool pending = false;
    napi_is_exception_pending(env_, &pending);
    if (pending) {
      ReportPendingException();
      return Napi::Value();
    }
  }
  napi_value copy;
  if (napi_create_buffer_copy(env_, length, bytes, nullptr, &copy) != napi_ok) {
    bool pending = false;
    napi_is_exception_pending(env_, &pending);
    if (pending) ReportPendingException();
    return Napi::Value();
  }
  return Napi::Value(env_, copy);
}

void Socket::OnReadable(int status) {
  Napi::Env env(env_);
  Napi::HandleScope scope(env);
  // A local handle keeps the wrapper alive even if the listener closes the
  // socket (dropping our Ref) while we are still on this stack.
  Napi::Object self = Value();
  (void)self;

  bool after_pollerr = false;
  if (status < 0) {
    // libuv reports POLLERR as UV_EBADF and stops the handle. On a descriptor
    // that is still valid this is a pending socket error (netlink sets
    // ENOBUFS this way on overflow): re-arm and let recv() below return and
    // clear it. Anything else is reported once, without re-arming, because a
    // broken descriptor would fire forever.
    if (status == UV_EBADF && fd_ >= 0 && handle_ != nullptr && fcntl(fd_, F_GETFD) >= 0 &&
        pollerr_streak_ < kMaxPollErrStreak) {
      int r = uv_poll_start(handle_, UV_READABLE, OnPoll);
      if (r == 0) {
        after_pollerr = true;
      } else {
        status = r;
      }
    }
    if (!after_pollerr) {
      StopPolling();
      Deliver(MakeSystemError(env, -status, "poll").Value(), Napi::Array::New(env, 0));
      return;
    }
  }

  unsigned char* buffer = GetAddonData(env)->recv_buffer.get();
  Napi::Array batch = Napi::Array::New(env);
  uint32_t count = 0;
  bool consumed_error = false;
  bool drained = false;
  // Hands what was read so far to JS before an error is reported, so datagram
  // order is kept. False once the listener closed or stopped the socket.
  auto flush = [&]() -> bool {
    if (count == 0) return true;
    Napi::Array ready = batch;
    batch = Napi::Array::New(env);
    count = 0;
    return Deliver(env.Null(), ready);
  };

  for (int64_t i = 0; i < max_per_wake_; i++) {
    struct iovec iov;
    iov.iov_base = buffer;
    iov.iov_len = kRecvBufferSize;
    struct msghdr msg = {};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    ssize_t n;
    do {
      n = recvmsg(fd_, &msg, kRecvFlags);
    } while (n < 0 && errno == EINTR);

    if (n < 0) {
      int err = errno;
      if (err == EAGAIN || err == EWOULDBLOCK) {
        drained = true;
        break;
      }
      consumed_error = true;
      pollerr_streak_ = 0;
      if (!flush()) return;
      if (err == ENOBUFS) {
        // Netlink overflow: messages were lost, the socket is still good.
        if (!Deliver(MakeSystemError(env, ENOBUFS, "recv").Value(), Napi::Array::New(env, 0))) {
          return;
        }
        continue;
      }
      StopPolling();
      Deliver(MakeSystemError(env, err, "recv").Value(), Napi::Array::New(env, 0));
      return;
    }
    if (n == 0 && stream_like_) {
      // The peer of a SOCK_SEQPACKET socket hung up: report EOF once.
      if (!flush()) return;
      StopPolling();
      Deliver(MakeSystemError(env, kErrEOF, "recv").Value(), Napi::Array::New(env, 0));
      return;
    }
    if ((msg.msg_flags & MSG_TRUNC) || static_cast<size_t>(n) > kRecvBufferSize) {
      // Larger than the receive buffer: the datagram is lost, say so.
      if (!flush()) return;
      if (!Deliver(MakeSystemError(env, EMSGSIZE, "recv").Value(), Napi::Array::New(env, 0))) {
        return;
      }
      continue;
    }
    Napi::Value datagram = DatagramBuffer(buffer, static_cast<size_t>(n));
    if (datagram.IsEmpty()) {
      // No Buffer (an exception, already reported): the datagram is lost;
      // hand over what was read and let the next wake-up go on.
      flush();
      return;
    }
    batch.Set(count++, datagram);
  }
  // A POLLERR whose error recv() never saw although the queue was read empty
  // (e.g. only an error queue entry) counts towards giving up; anything else
  // resets the streak. Under a burst the queue stays full and a pending error
  // may surface only once it is drained: stopping at the per-wake limit is not
  // a sign of a broken descriptor.
  pollerr_streak_ = (after_pollerr && !consumed_error && drained) ? pollerr_streak_ + 1 : 0;
  flush();
}

bool InitSocket(Napi::Env env, Napi::Object exports, AddonData* data) {
  Napi::Function ctor = Socket::DefineClass(env);
  if (env.IsExceptionPending()) return false;
  data->socket_constructor = Napi::Persistent(ctor);
  exports.Set("Socket", ctor);
  return true;
}

}  // namespace pfroute
