/** ingestImport -> IngestImport: construct ids made from catalogue ids. */
export function pascal(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
