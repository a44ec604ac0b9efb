/* The limit for a route lookup: RTM_GETROUTE request/reply on a raw rtnetlink socket.
 * usage: nl_get <ipv4> <iterations> [fibmatch]   (fibmatch: send the plain lookup and the
 * RTM_F_FIB_MATCH lookup back to back, as pfroute's getRoute does, and wait for both)
 * Prints JSON: per-call latency in ns (median, p99, min, max). */
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef RTM_F_FIB_MATCH
#define RTM_F_FIB_MATCH 0x2000
#endif

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static int cmp(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

struct req {
  struct nlmsghdr h;
  struct rtmsg r;
  char attrs[64];
};

static int build(struct req *q, unsigned seq, struct in_addr dst, unsigned rtm_flags) {
  memset(q, 0, sizeof *q);
  q->h.nlmsg_type = RTM_GETROUTE;
  q->h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
  q->h.nlmsg_seq = seq;
  q->r.rtm_family = AF_INET;
  q->r.rtm_dst_len = 32;
  q->r.rtm_flags = rtm_flags;
  struct rtattr *a = (struct rtattr *)q->attrs;
  a->rta_type = RTA_DST;
  a->rta_len = RTA_LENGTH(4);
  memcpy(RTA_DATA(a), &dst, 4);
  q->h.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)) + RTA_ALIGN(a->rta_len);
  return q->h.nlmsg_len;
}

/* Reads until the NLMSG_ERROR (ack) of `seq`; returns 0 on success. */
static int wait_ack(int fd, unsigned seq, char *buf, size_t size) {
  for (;;) {
    ssize_t n = recv(fd, buf, size, 0);
    if (n < 0) return -1;
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_seq != seq) continue;
      if (h->nlmsg_type == NLMSG_ERROR) return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
    }
  }
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  struct in_addr dst;
  if (inet_pton(AF_INET, argv[1], &dst) != 1) return 2;
  int iters = atoi(argv[2]);
  int pair = argc > 3 && strcmp(argv[3], "fibmatch") == 0;
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
  if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) { perror("netlink"); return 1; }
  long long *t = calloc(iters, sizeof *t);
  static char buf[65536];
  struct req q1, q2;
  unsigned seq = 1;
  for (int i = -100; i < iters; i++) {
    long long t0 = now_ns();
    unsigned s1 = seq++, s2 = seq++;
    send(fd, &q1, build(&q1, s1, dst, 0), 0);
    if (pair) send(fd, &q2, build(&q2, s2, dst, RTM_F_FIB_MATCH), 0);
    if (wait_ack(fd, s1, buf, sizeof buf) != 0) { fprintf(stderr, "lookup failed\n"); return 1; }
    if (pair && wait_ack(fd, s2, buf, sizeof buf) != 0) { fprintf(stderr, "fib-match lookup failed\n"); return 1; }
    if (i >= 0) t[i] = now_ns() - t0;
  }
  qsort(t, iters, sizeof *t, cmp);
  printf("{\"n\":%d,\"median\":%lld,\"p99\":%lld,\"min\":%lld,\"max\":%lld}\n", iters, t[iters / 2], t[(iters * 99) / 100], t[0], t[iters - 1]);
  return 0;
}
