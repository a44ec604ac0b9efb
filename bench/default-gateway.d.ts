// Types for the default-gateway dev dependency (ESM, ships none): what bench/lookup.ts calls.
declare module 'default-gateway' {
  export interface Gateway {
    gateway: string;
    version: number;
    int: string | null;
  }
  export function gateway4async(): Promise<Gateway>;
  export function gateway6async(): Promise<Gateway>;
  export function gateway4sync(): Gateway;
  export function gateway6sync(): Gateway;
}
