// Compile-time proof that the TypeScript layout tables (lib/bsd/layouts.ts, constants.ts)
// match this system's routing-socket headers: native/layout_check.h, generated from the
// tables by scripts/gen-layout-header.ts, static_asserts every size, offset and constant.
// A wrong table fails the build on macOS and the BSDs. Nothing is compiled elsewhere.
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__) || defined(__DragonFly__)
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <net/if.h>
#ifdef __APPLE__
#include <net/if_var.h>
#endif
#include <net/if_dl.h>
#include <net/route.h>

#include "layout_check.h"

#ifndef PFROUTE_LAYOUT_CHECKED
#error "layout_check.h did not recognise this BSD"
#endif
#endif
