/*
 * The routing-socket structs of each BSD re-declared with their header's own C types
 * (u_long, time_t, struct timeval, __aligned(8), #pragma pack(4), NetBSD's sdl_addr macros),
 * transcribed from the headers as described in shared/reference/bsd-rtsock-layouts.md.
 * Compiled with -m64 they must give the reference's (LP64) layout; compiled with -m32 they
 * give the i386 ILP32 layout, which is how test/bsd-layout-header.test.ts proves the 32-bit
 * tables of lib/bsd/layouts.ts without a 32-bit BSD machine. Select the OS with -D__FreeBSD__ …
 *
 * Guard macros (RTM_IFANNOUNCE, NET_RT_IFLISTL, …) are defined so that layout_check.h checks
 * the optional structs too; their values are the reference's.
 */
#ifndef PFROUTE_BSD_REDECLARED_H
#define PFROUTE_BSD_REDECLARED_H

#define offsetof(type, member) __builtin_offsetof(type, member)

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef __UINT8_TYPE__ uint8_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __UINT64_TYPE__ uint64_t;
typedef __INT32_TYPE__ int32_t;
typedef __INT64_TYPE__ int64_t;
typedef uint8_t u_int8_t;
typedef uint16_t u_int16_t;
typedef uint32_t u_int32_t;
typedef uint64_t u_int64_t;
typedef int pid_t;
typedef uint8_t sa_family_t;

struct sockaddr_in {
  uint8_t sin_len;
  sa_family_t sin_family;
  uint16_t sin_port;
  struct { uint32_t s_addr; } sin_addr;
  char sin_zero[8];
};

struct sockaddr_in6 {
  uint8_t sin6_len;
  sa_family_t sin6_family;
  uint16_t sin6_port;
  uint32_t sin6_flowinfo;
  struct { uint8_t s6_addr[16]; } sin6_addr;
  uint32_t sin6_scope_id;
};

/* ------------------------------------------------------------------------------------------ */
#if defined(__APPLE__)
/* xnu bsd/net/route.h, if.h, if_var.h, if_dl.h: fixed-width types, if_data under pack(4). */
#define RTM_NEWMADDR 15
#define RTM_IFINFO2 18
#define RTM_NEWMADDR2 19
#define RTM_GET2 20

struct rt_metrics {
  u_int32_t rmx_locks, rmx_mtu, rmx_hopcount;
  int32_t rmx_expire;
  u_int32_t rmx_recvpipe, rmx_sendpipe, rmx_ssthresh, rmx_rtt, rmx_rttvar, rmx_pksent;
  u_int32_t rmx_filler[4];
};
struct rt_msghdr {
  u_short rtm_msglen;
  u_char rtm_version;
  u_char rtm_type;
  u_short rtm_index;
  int rtm_flags;
  int rtm_addrs;
  pid_t rtm_pid;
  int rtm_seq;
  int rtm_errno;
  int rtm_use;
  u_int32_t rtm_inits;
  struct rt_metrics rtm_rmx;
};
struct rt_msghdr2 {
  u_short rtm_msglen;
  u_char rtm_version;
  u_char rtm_type;
  u_short rtm_index;
  int rtm_flags;
  int rtm_addrs;
  int32_t rtm_refcnt;
  int rtm_parentflags;
  int rtm_reserved;
  int rtm_use;
  u_int32_t rtm_inits;
  struct rt_metrics rtm_rmx;
};
struct timeval32 {
  int32_t tv_sec;
  int32_t tv_usec;
};
#pragma pack(4)
struct if_data {
  u_char ifi_type, ifi_typelen, ifi_physical, ifi_addrlen, ifi_hdrlen, ifi_recvquota, ifi_xmitquota, ifi_unused1;
  u_int32_t ifi_mtu, ifi_metric, ifi_baudrate;
  u_int32_t ifi_ipackets, ifi_ierrors, ifi_opackets, ifi_oerrors, ifi_collisions, ifi_ibytes, ifi_obytes;
  u_int32_t ifi_imcasts, ifi_omcasts, ifi_iqdrops, ifi_noproto, ifi_recvtiming, ifi_xmittiming;
  struct timeval32 ifi_lastchange;
  u_int32_t ifi_unused2, ifi_hwassist, ifi_reserved1, ifi_reserved2;
};
struct if_data64 {
  u_char ifi_type, ifi_typelen, ifi_physical, ifi_addrlen, ifi_hdrlen, ifi_recvquota, ifi_xmitquota, ifi_unused1;
  u_int32_t ifi_mtu, ifi_metric;
  u_int64_t ifi_baudrate;
  u_int64_t ifi_ipackets, ifi_ierrors, ifi_opackets, ifi_oerrors, ifi_collisions, ifi_ibytes, ifi_obytes;
  u_int64_t ifi_imcasts, ifi_omcasts, ifi_iqdrops, ifi_noproto;
  u_int32_t ifi_recvtiming, ifi_xmittiming;
  struct timeval32 ifi_lastchange;
};
#pragma pack()
struct if_msghdr {
  unsigned short ifm_msglen;
  unsigned char ifm_version;
  unsigned char ifm_type;
  int ifm_addrs;
  int ifm_flags;
  unsigned short ifm_index;
  struct if_data ifm_data;
};
struct ifa_msghdr {
  unsigned short ifam_msglen;
  unsigned char ifam_version;
  unsigned char ifam_type;
  int ifam_addrs;
  int ifam_flags;
  unsigned short ifam_index;
  int ifam_metric;
};
struct ifma_msghdr {
  unsigned short ifmam_msglen;
  unsigned char ifmam_version;
  unsigned char ifmam_type;
  int ifmam_addrs;
  int ifmam_flags;
  unsigned short ifmam_index;
};
struct if_msghdr2 {
  u_short ifm_msglen;
  u_char ifm_version;
  u_char ifm_type;
  int ifm_addrs;
  int ifm_flags;
  u_short ifm_index;
  int ifm_snd_len;
  int ifm_snd_maxlen;
  int ifm_snd_drops;
  int ifm_timer;
  struct if_data64 ifm_data;
};
struct ifma_msghdr2 {
  u_short ifmam_msglen;
  u_char ifmam_version;
  u_char ifmam_type;
  int ifmam_addrs;
  int ifmam_flags;
  u_short ifmam_index;
  int32_t ifmam_refcount;
};
struct sockaddr_dl {
  u_char sdl_len;
  u_char sdl_family;
  u_short sdl_index;
  u_char sdl_type, sdl_nlen, sdl_alen, sdl_slen;
  char sdl_data[12];
};

/* ------------------------------------------------------------------------------------------ */
#elif defined(__FreeBSD__)
/* FreeBSD sys/net/route.h (u_long metrics), if.h (fixed-width if_data with padded unions). */
#define RTM_NEWMADDR 15
#define RTM_IFANNOUNCE 17
#define NET_RT_IFLISTL 5
typedef long time_t; /* i386 is the one FreeBSD port with a 32-bit time_t */
struct timeval { time_t tv_sec; long tv_usec; };

struct rt_metrics {
  u_long rmx_locks, rmx_mtu, rmx_hopcount, rmx_expire, rmx_recvpipe, rmx_sendpipe, rmx_ssthresh;
  u_long rmx_rtt, rmx_rttvar, rmx_pksent, rmx_weight, rmx_nhidx;
  u_long rmx_filler[2];
};
struct rt_msghdr {
  u_short rtm_msglen;
  u_char rtm_version;
  u_char rtm_type;
  u_short rtm_index;
  u_short _rtm_spare1;
  int rtm_flags;
  int rtm_addrs;
  pid_t rtm_pid;
  int rtm_seq;
  int rtm_errno;
  int rtm_fmask;
  u_long rtm_inits;
  struct rt_metrics rtm_rmx;
};
struct if_data {
  uint8_t ifi_type, ifi_physical, ifi_addrlen, ifi_hdrlen, ifi_link_state, ifi_vhid;
  uint16_t ifi_datalen;
  uint32_t ifi_mtu, ifi_metric;
  uint64_t ifi_baudrate;
  uint64_t ifi_ipackets, ifi_ierrors, ifi_opackets, ifi_oerrors, ifi_collisions, ifi_ibytes, ifi_obytes;
  uint64_t ifi_imcasts, ifi_omcasts, ifi_iqdrops, ifi_oqdrops, ifi_noproto, ifi_hwassist;
  union { time_t tt; uint64_t ph; } __ifi_epoch;
  union { struct timeval tv; struct { uint64_t ph1, ph2; } ph; } __ifi_lastchange;
};
struct if_msghdr {
  u_short ifm_msglen;
  u_char ifm_version;
  u_char ifm_type;
  int ifm_addrs;
  int ifm_flags;
  u_short ifm_index;
  u_short _ifm_spare1;
  struct if_data ifm_data;
};
struct if_msghdrl {
  u_short ifm_msglen;
  u_char ifm_version;
  u_char ifm_type;
  int ifm_addrs;
  int ifm_flags;
  u_short ifm_index;
  u_short _ifm_spare1;
  u_short ifm_len;
  u_short ifm_data_off;
  int _ifm_spare2;
  struct if_data ifm_data;
};
struct ifa_msghdr {
  u_short ifam_msglen;
  u_char ifam_version;
  u_char ifam_type;
  int ifam_addrs;
  int ifam_flags;
  u_short ifam_index;
  u_short _ifam_spare1;
  int ifam_metric;
};
struct ifa_msghdrl {
  u_short ifam_msglen;
  u_char ifam_version;
  u_char ifam_type;
  int ifam_addrs;
  int ifam_flags;
  u_short ifam_index;
  u_short _ifam_spare1;
  u_short ifam_len;
  u_short ifam_data_off;
  int ifam_metric;
  struct if_data ifam_data;
};
struct ifma_msghdr {
  u_short ifmam_msglen;
  u_char ifmam_version;
  u_char ifmam_type;
  int ifmam_addrs;
  int ifmam_flags;
  u_short ifmam_index;
  u_short _ifmam_spare1;
};
struct if_announcemsghdr {
  u_short ifan_msglen;
  u_char ifan_version;
  u_char ifan_type;
  u_short ifan_index;
  char ifan_name[16];
  u_short ifan_what;
};
struct sockaddr_dl {
  u_char sdl_len;
  u_char sdl_family;
  u_short sdl_index;
  u_char sdl_type, sdl_nlen, sdl_alen, sdl_slen;
  char sdl_data[46];
};

/* ------------------------------------------------------------------------------------------ */
#elif defined(__OpenBSD__)
/* OpenBSD sys/net/route.h 1.218, if.h: fixed-width members, 64-bit time_t everywhere. */
#define RTM_IFANNOUNCE 15
#define RTA_LABEL 0x400
#define RTA_DNS 0x1000
#define RTA_STATIC 0x2000
#define RTA_SEARCH 0x4000
typedef int64_t time_t;
struct timeval { time_t tv_sec; long tv_usec; };

struct rt_metrics {
  u_int64_t rmx_pksent;
  int64_t rmx_expire;
  u_int rmx_locks, rmx_mtu, rmx_refcnt, rmx_hopcount, rmx_recvpipe, rmx_sendpipe, rmx_ssthresh, rmx_rtt, rmx_rttvar;
  u_int rmx_pad;
};
struct rt_msghdr {
  u_short rtm_msglen;
  u_char rtm_version;
  u_char rtm_type;
  u_short rtm_hdrlen;
  u_short rtm_index;
  u_short rtm_tableid;
  u_char rtm_priority;
  u_char rtm_mpls;
  int rtm_addrs;
  int rtm_flags;
  int rtm_fmask;
  pid_t rtm_pid;
  int rtm_seq;
  int rtm_errno;
  u_int rtm_inits;
  struct rt_metrics rtm_rmx;
};
struct if_data {
  u_char ifi_type, ifi_addrlen, ifi_hdrlen, ifi_link_state;
  u_int32_t ifi_mtu, ifi_metric, ifi_rdomain;
  u_int64_t ifi_baudrate;
  u_int64_t ifi_ipackets, ifi_ierrors, ifi_opackets, ifi_oerrors, ifi_collisions, ifi_ibytes, ifi_obytes;
  u_int64_t ifi_imcasts, ifi_omcasts, ifi_iqdrops, ifi_oqdrops, ifi_noproto;
  u_int32_t ifi_capabilities;
  struct timeval ifi_lastchange;
};
struct if_msghdr {
  u_short ifm_msglen;
  u_char ifm_version;
  u_char ifm_type;
  u_short ifm_hdrlen;
  u_short ifm_index;
  u_short ifm_tableid;
  u_char ifm_pad1;
  u_char ifm_pad2;
  int ifm_addrs;
  int ifm_flags;
  int ifm_xflags;
  struct if_data ifm_data;
};
struct ifa_msghdr {
  u_short ifam_msglen;
  u_char ifam_version;
  u_char ifam_type;
  u_short ifam_hdrlen;
  u_short ifam_index;
  u_short ifam_tableid;
  u_char ifam_pad1;
  u_char ifam_pad2;
  int ifam_addrs;
  int ifam_flags;
  int ifam_metric;
};
struct if_announcemsghdr {
  u_short ifan_msglen;
  u_char ifan_version;
  u_char ifan_type;
  u_short ifan_hdrlen;
  u_short ifan_index;
  u_short ifan_what;
  char ifan_name[16];
};
struct sockaddr_dl {
  u_char sdl_len;
  u_char sdl_family;
  u_int16_t sdl_index;
  u_char sdl_type, sdl_nlen, sdl_alen, sdl_slen;
  char sdl_data[24];
};
struct sockaddr_rtlabel { u_int8_t sr_len; sa_family_t sr_family; char sr_label[32]; };
struct sockaddr_rtdns { u_int8_t sr_len; sa_family_t sr_family; char sr_dns[128]; };
struct sockaddr_rtstatic { u_int8_t sr_len; sa_family_t sr_family; char sr_static[128]; };
struct sockaddr_rtsearch { u_int8_t sr_len; sa_family_t sr_family; char sr_search[128]; };

/* ------------------------------------------------------------------------------------------ */
#elif defined(__NetBSD__)
/* NetBSD sys/net/route.h 1.132, if.h, if_dl.h: uint64_t members and __align64 on every ABI. */
#define RTM_IFANNOUNCE 16
#define __align64 __attribute__((__aligned__(8)))
typedef int64_t time_t;
struct timespec { time_t tv_sec; long tv_nsec; };

struct rt_metrics {
  uint64_t rmx_locks, rmx_mtu, rmx_hopcount, rmx_recvpipe, rmx_sendpipe, rmx_ssthresh, rmx_rtt, rmx_rttvar;
  time_t rmx_expire;
  time_t rmx_pksent;
};
struct rt_msghdr {
  u_short rtm_msglen __align64;
  u_char rtm_version;
  u_char rtm_type;
  u_short rtm_index;
  int rtm_flags;
  int rtm_addrs;
  pid_t rtm_pid;
  int rtm_seq;
  int rtm_errno;
  int rtm_use;
  int rtm_inits;
  struct rt_metrics rtm_rmx __align64;
};
struct if_data {
  u_char ifi_type;
  u_char ifi_addrlen;
  u_char ifi_hdrlen;
  int ifi_link_state;
  uint64_t ifi_mtu, ifi_metric, ifi_baudrate;
  uint64_t ifi_ipackets, ifi_ierrors, ifi_opackets, ifi_oerrors, ifi_collisions, ifi_ibytes, ifi_obytes;
  uint64_t ifi_imcasts, ifi_omcasts, ifi_iqdrops, ifi_noproto;
  struct timespec ifi_lastchange;
};
struct if_msghdr {
  u_short ifm_msglen __align64;
  u_char ifm_version;
  u_char ifm_type;
  int ifm_addrs;
  int ifm_flags;
  u_short ifm_index;
  struct if_data ifm_data __align64;
};
struct ifa_msghdr {
  u_short ifam_msglen __align64;
  u_char ifam_version;
  u_char ifam_type;
  u_short ifam_index;
  int ifam_flags;
  int ifam_addrs;
  pid_t ifam_pid;
  int ifam_addrflags;
  int ifam_metric;
};
struct if_announcemsghdr {
  u_short ifan_msglen __align64;
  u_char ifan_version;
  u_char ifan_type;
  u_short ifan_index;
  char ifan_name[16];
  u_short ifan_what;
};
struct dl_addr {
  uint8_t dl_type, dl_nlen, dl_alen, dl_slen;
  char dl_data[24];
};
struct sockaddr_dl {
  uint8_t sdl_len;
  sa_family_t sdl_family;
  uint16_t sdl_index;
  struct dl_addr sdl_addr;
};
#define sdl_type sdl_addr.dl_type
#define sdl_nlen sdl_addr.dl_nlen
#define sdl_alen sdl_addr.dl_alen
#define sdl_slen sdl_addr.dl_slen
#define sdl_data sdl_addr.dl_data

/* ------------------------------------------------------------------------------------------ */
#elif defined(__DragonFly__)
/* DragonFly sys/net/route.h (rmx_iwcapsegs era), if.h: u_long everywhere. */
#define RTM_NEWMADDR 15
#define RTM_IFANNOUNCE 17
typedef long time_t;
struct timeval { time_t tv_sec; long tv_usec; };

struct rt_metrics {
  u_long rmx_locks, rmx_mtu, rmx_pksent, rmx_expire, rmx_sendpipe, rmx_ssthresh, rmx_rtt, rmx_rttvar;
  u_long rmx_recvpipe, rmx_hopcount;
  u_short rmx_mssopt;
  u_short rmx_pad;
  u_long rmx_msl, rmx_iwmaxsegs, rmx_iwcapsegs;
};
struct rt_msghdr {
  u_short rtm_msglen;
  u_char rtm_version;
  u_char rtm_type;
  u_short rtm_index;
  int rtm_flags;
  int rtm_addrs;
  pid_t rtm_pid;
  int rtm_seq;
  int rtm_errno;
  int rtm_use;
  u_long rtm_inits;
  struct rt_metrics rtm_rmx;
};
struct if_data {
  u_char ifi_type, ifi_physical, ifi_addrlen, ifi_hdrlen, ifi_recvquota, ifi_xmitquota;
  u_long ifi_mtu, ifi_metric, ifi_link_state, ifi_baudrate;
  u_long ifi_ipackets, ifi_ierrors, ifi_opackets, ifi_oerrors, ifi_collisions, ifi_ibytes, ifi_obytes;
  u_long ifi_imcasts, ifi_omcasts, ifi_iqdrops, ifi_noproto, ifi_hwassist, ifi_oqdrops;
  struct timeval ifi_lastchange;
};
struct if_msghdr {
  u_short ifm_msglen;
  u_char ifm_version;
  u_char ifm_type;
  u_short ifm_index;
  int ifm_flags;
  int ifm_addrs;
  struct if_data ifm_data;
};
struct ifa_msghdr {
  u_short ifam_msglen;
  u_char ifam_version;
  u_char ifam_type;
  u_short ifam_index;
  int ifam_flags;
  int ifam_addrs;
  int ifam_addrflags;
  int ifam_metric;
};
struct ifma_msghdr {
  u_short ifmam_msglen;
  u_char ifmam_version;
  u_char ifmam_type;
  u_short ifmam_index;
  int ifmam_flags;
  int ifmam_addrs;
};
struct if_announcemsghdr {
  u_short ifan_msglen;
  u_char ifan_version;
  u_char ifan_type;
  u_short ifan_index;
  char ifan_name[16];
  u_short ifan_what;
};
struct sockaddr_dl {
  u_char sdl_len;
  u_char sdl_family;
  u_short sdl_index;
  u_char sdl_type, sdl_nlen, sdl_alen, sdl_slen;
  char sdl_data[12];
  u_short sdl_rcf;
  u_short sdl_route[16];
};
#endif

#endif /* PFROUTE_BSD_REDECLARED_H */
