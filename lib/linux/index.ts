/**
 * Linux rtnetlink codec: decode kernel messages into pfroute's one model, encode requests.
 * Pure TypeScript; the socket lives in the native shim.
 */
export { decodeNetlink, decodeNetlinkPartial, HOST_LE } from './decode.js';
export type { NetlinkDecodeOptions } from './decode.js';
export type { LinuxRouteInfoExt } from './decode.js';
export { encodeRouteRequest, encodeDumpRequest, encodeGetLinkRequest } from './encode.js';
export type { NetlinkRouteRequest } from './encode.js';
export { NL, BSD_RTF, RTN_NAMES } from './constants.js';
