/** Formats a 16-byte Windows GUID (Data1-3 little-endian, Data4 raw) as `{XXXXXXXX-...}`. */
export function formatGuid(bytes: Buffer, offset = 0): string {
  const hex = (start: number, end: number): string => bytes.subarray(offset + start, offset + end).toString('hex');
  const data1 = bytes.readUInt32LE(offset).toString(16).padStart(8, '0');
  const data2 = bytes
    .readUInt16LE(offset + 4)
    .toString(16)
    .padStart(4, '0');
  const data3 = bytes
    .readUInt16LE(offset + 6)
    .toString(16)
    .padStart(4, '0');
  return `{${data1}-${data2}-${data3}-${hex(8, 10)}-${hex(10, 16)}}`.toUpperCase();
}
