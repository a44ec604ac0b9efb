/* The limit for a table dump: RTM_GETROUTE NLM_F_DUMP on a raw rtnetlink socket, counting
 * messages only. usage: nl_dump <rounds>. Prints JSON: messages, per-round ns (median, p99, min, max). */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static int cmp(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 10;
  long long *t = calloc(rounds, sizeof *t);
  static char buf[256 * 1024]; /* the same receive buffer pfroute's shim uses */
  long count = 0;
  for (int r = -2; r < rounds; r++) {
    long long t0 = now_ns();
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) { perror("netlink"); return 1; }
    struct { struct nlmsghdr h; struct rtmsg r; } q;
    memset(&q, 0, sizeof q);
    q.h.nlmsg_len = sizeof q;
    q.h.nlmsg_type = RTM_GETROUTE;
    q.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    q.h.nlmsg_seq = 1;
    send(fd, &q, sizeof q, 0);
    count = 0;
    int done = 0;
    while (!done) {
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n < 0) { perror("recv"); return 1; }
      for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
        if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) { done = 1; break; }
        count++;
      }
    }
    close(fd);
    if (r >= 0) t[r] = now_ns() - t0;
  }
  qsort(t, rounds, sizeof *t, cmp);
  printf("{\"messages\":%ld,\"n\":%d,\"median\":%lld,\"p99\":%lld,\"min\":%lld,\"max\":%lld}\n", count, rounds, t[rounds / 2], t[(rounds * 99) / 100], t[0], t[rounds - 1]);
  return 0;
}
