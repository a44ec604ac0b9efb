// Socket: wraps one open, datagram-preserving descriptor (a routing socket, or
// an adopted SOCK_DGRAM / SOCK_SEQPACKET socket), watches it with a uv_poll_t
// on the environment's own loop and hands every wake-up's datagrams to JS in
// one call: onRead(null, [Buffer, ...]).
#ifndef PFROUTE_NATIVE_SOCKET_H_
#define PFROUTE_NATIVE_SOCKET_H_

#include <napi.h>
#include <uv.h>

#include <memory>

namespace pfroute {

class Socket : public Napi::ObjectWrap<Socket> {
 public:
  static Napi::Function DefineClass(Napi::Env env);

  explicit Socket(const Napi::CallbackInfo& info);
  ~Socket() override;

 private:
  // Method bodies; reached only through Dispatch, which checks `this` first.
  Napi::Value Start(const Napi::CallbackInfo& info);
  Napi::Value Stop(const Napi::CallbackInfo& info);
  Napi::Value Send(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value RefLoop(const Napi::CallbackInfo& info);
  Napi::Value UnrefLoop(const Napi::CallbackInfo& info);
  Napi::Value SetIntOption(const Napi::CallbackInfo& info);
  Napi::Value GetIntOption(const Napi::CallbackInfo& info);
  Napi::Value Shutdown(const Napi::CallbackInfo& info);
  Napi::Value GetFd(const Napi::CallbackInfo& info);

  // Checks that the receiver carries the Socket type tag (TypeError if not),
  // then calls the member. Used for every prototype method and the fd getter.
  template <Napi::Value (Socket::*Method)(const Napi::CallbackInfo&)>
  static napi_value Dispatch(napi_env env, napi_callback_info cbinfo);

  static void OnPoll(uv_poll_t* handle, int status, int events);
  static void CleanupHook(void* arg);

  void OnReadable(int status);
  // Calls onRead(err, datagrams) as a top-level callback; a throw is routed to
  // process 'uncaughtException'. Returns true if the socket is still open and
  // polling afterwards (the listener may have closed or stopped it).
  bool Deliver(Napi::Value err, Napi::Array datagrams);
  // A Buffer holding a copy of one datagram; empty (with a pending exception
  // reported as Deliver reports a listener's) when no Buffer could be made.
  Napi::Value DatagramBuffer(const unsigned char* bytes, size_t length);
  // Clears the pending exception and routes it to process 'uncaughtException'.
  void ReportPendingException();
  void StopPolling();
  void ReleaseJsRef();
  // Stops and frees the poll handle, closes the descriptor. Idempotent.
  // `from_js` is false for the env cleanup hook and the destructor, which
  // must not touch JS references.
  void Teardown(bool from_js);

  napi_env env_;
  uv_loop_t* loop_ = nullptr;
  uv_poll_t* handle_ = nullptr;
  int fd_ = -1;
  bool stream_like_ = false;  // SOCK_SEQPACKET / SOCK_STREAM: recv() == 0 is EOF
  int64_t max_per_wake_ = 1;
  bool polling_ = false;
  bool loop_ref_ = true;   // desired uv_ref state, applied when the handle exists
  bool js_ref_ = false;    // Ref() held on the wrapper while polling
  bool hook_ = false;      // env cleanup hook registered
  int pollerr_streak_ = 0; // POLLERR wake-ups in a row that recv could not clear
  Napi::FunctionReference on_read_;
  std::unique_ptr<Napi::AsyncContext> async_context_;
};

}  // namespace pfroute

#endif  // PFROUTE_NATIVE_SOCKET_H_
