/** `{ name, version }` of the running process, stamped on every log line. */
export interface ServiceInfo {
  name: string;
  version: string;
}
