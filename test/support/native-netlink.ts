// Shared by test/native.test.ts and the child-process / worker scripts:
// hand-built rtnetlink requests and a tiny nlmsghdr walker (no codec imports,
// so the native tests stand alone).
import type { NativeBinding, NativeSocket } from '../../lib/native';

export const RTM_NEWLINK = 16;
export const RTM_GETLINK = 18;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLM_F_REQUEST = 0x1;
export const NLM_F_DUMP = 0x300;

/** 16-byte nlmsghdr + 16-byte ifinfomsg (AF_UNSPEC): an RTM_GETLINK request. */
export function getLinkRequest(seq: number, flags = NLM_F_REQUEST | NLM_F_DUMP, index = 0): Buffer {
  const msg = Buffer.alloc(32);
  msg.writeUInt32LE(32, 0); // nlmsg_len
  msg.writeUInt16LE(RTM_GETLINK, 4); // nlmsg_type
  msg.writeUInt16LE(flags, 6); // nlmsg_flags
  msg.writeUInt32LE(seq, 8); // nlmsg_seq
  msg.writeUInt32LE(0, 12); // nlmsg_pid: the kernel
  msg.writeUInt8(0, 16); // ifi_family AF_UNSPEC
  msg.writeInt32LE(index, 20); // ifi_index
  return msg;
}

export interface NlMsg {
  type: number;
  flags: number;
  seq: number;
  pid: number;
  /** ifi_index for RTM_NEWLINK, else undefined. */
  ifIndex?: number;
  /** NLMSG_ERROR's error field. */
  error?: number;
}

/** Splits one datagram into its netlink messages. */
export function walk(datagram: Buffer): NlMsg[] {
  const out: NlMsg[] = [];
  let off = 0;
  while (off + 16 <= datagram.length) {
    const len = datagram.readUInt32LE(off);
    if (len < 16 || off + len > datagram.length) throw new Error(`bad nlmsg_len ${len} at ${off}`);
    const m: NlMsg = {
      type: datagram.readUInt16LE(off + 4),
      flags: datagram.readUInt16LE(off + 6),
      seq: datagram.readUInt32LE(off + 8),
      pid: datagram.readUInt32LE(off + 12),
    };
    if (m.type === RTM_NEWLINK && len >= 32) m.ifIndex = datagram.readInt32LE(off + 20);
    if (m.type === NLMSG_ERROR && len >= 20) m.error = datagram.readInt32LE(off + 16);
    out.push(m);
    off += (len + 3) & ~3;
  }
  return out;
}

export interface DumpResult {
  socket: NativeSocket;
  portId: number;
  datagrams: number;
  messages: NlMsg[];
}

/**
 * Opens and binds a NETLINK_ROUTE socket, sends an RTM_GETLINK dump and
 * resolves at NLMSG_DONE for that seq. The socket is closed unless keepOpen.
 */
export function dumpLinks(b: NativeBinding, seq: number, keepOpen = false): Promise<DumpResult> {
  const c = b.constants;
  const fd = b.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE!);
  const portId = b.netlinkBind(fd, 0);
  return new Promise((resolve, reject) => {
    const messages: NlMsg[] = [];
    let datagrams = 0;
    const socket = new b.Socket(
      fd,
      (err, dgrams) => {
        if (err) {
          socket.close();
          reject(err);
          return;
        }
        try {
          for (const d of dgrams) {
            datagrams++;
            for (const m of walk(d)) {
              if (m.seq !== seq) continue;
              messages.push(m);
              if (m.type === NLMSG_DONE || m.type === NLMSG_ERROR) {
                if (!keepOpen) socket.close();
                resolve({ socket, portId, datagrams, messages });
                return;
              }
            }
          }
        } catch (e) {
          socket.close();
          reject(e);
        }
      },
      64,
    );
    socket.start();
    socket.send(getLinkRequest(seq));
  });
}

/** Rejects after ms (timer unref'd), so a missing event fails fast instead of hanging. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
