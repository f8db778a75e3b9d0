// What an uploaded evidence file really is, decided from its bytes, never
// from its name alone: a file called "report.pdf" that is really a program or
// a web page is refused. Pure (no Node APIs), so the browser may import the
// limits and the accept list too.

/** The upload limit: 10 MB. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * next.config.js's `experimental.serverActions.bodySizeLimit` ('11mb'), in
 * bytes: the largest Server Action request Next accepts (a 10 MB file and the
 * form around it). proxy.ts answers a larger one with 413 before Next would
 * fail with 500; e2e/upload-limit.spec.ts checks the three limits agree.
 */
export const SERVER_ACTION_BODY_LIMIT = 11 * 1024 * 1024;

/** For hints and messages. */
export const MAX_FILE_SIZE_TEXT = '10 MB';
export const ACCEPTED_FILE_TYPES_TEXT =
  'PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, plain text (.txt) or CSV';

export type FileKind =
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'odt'
  | 'ods'
  | 'odp'
  | 'doc'
  | 'xls'
  | 'ppt'
  | 'txt'
  | 'csv';

export type DetectedFileType = { kind: FileKind; extension: string; mediaType: string };

/** The extension the stored file gets, and the media type it is served with. */
export const FILE_KINDS: Record<FileKind, { extension: string; mediaType: string }> = {
  pdf: { extension: 'pdf', mediaType: 'application/pdf' },
  png: { extension: 'png', mediaType: 'image/png' },
  jpeg: { extension: 'jpg', mediaType: 'image/jpeg' },
  gif: { extension: 'gif', mediaType: 'image/gif' },
  webp: { extension: 'webp', mediaType: 'image/webp' },
  docx: { extension: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { extension: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { extension: 'pptx', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  odt: { extension: 'odt', mediaType: 'application/vnd.oasis.opendocument.text' },
  ods: { extension: 'ods', mediaType: 'application/vnd.oasis.opendocument.spreadsheet' },
  odp: { extension: 'odp', mediaType: 'application/vnd.oasis.opendocument.presentation' },
  doc: { extension: 'doc', mediaType: 'application/msword' },
  xls: { extension: 'xls', mediaType: 'application/vnd.ms-excel' },
  ppt: { extension: 'ppt', mediaType: 'application/vnd.ms-powerpoint' },
  txt: { extension: 'txt', mediaType: 'text/plain; charset=utf-8' },
  csv: { extension: 'csv', mediaType: 'text/csv; charset=utf-8' },
};

/** For the file input's `accept` attribute: a convenience for the chooser, never the check. */
export const ACCEPT_ATTRIBUTE = [
  '.pdf', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.docx', '.xlsx', '.pptx',
  '.odt', '.ods', '.odp', '.doc', '.xls', '.ppt', '.txt', '.csv',
].join(',');

export type FileTypeResult = { ok: true; type: DetectedFileType } | { ok: false; reason: string };

const REFUSED = `The file must be a ${ACCEPTED_FILE_TYPES_TEXT} file`;

function found(kind: FileKind): FileTypeResult {
  return { ok: true, type: { kind, ...FILE_KINDS[kind] } };
}

function refuse(reason: string): FileTypeResult {
  return { ok: false, reason };
}

/**
 * Decides what a file is from its content. The declared name is used only
 * where the content cannot tell: legacy Office files (one container format
 * for .doc, .xls and .ppt) and text (CSV or plain text). Text must also be
 * named .txt or .csv, so that a web page or script is never accepted.
 */
export function detectFileType(bytes: Uint8Array, declaredName: string): FileTypeResult {
  if (bytes.length === 0) return refuse('The file is empty');
  if (bytes.length > MAX_FILE_BYTES) return refuse(`The file must be ${MAX_FILE_SIZE_TEXT} or smaller`);
  const extension = declaredExtension(declaredName);

  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return found('pdf'); // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return found('png');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return found('jpeg');
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return found('gif');
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes.subarray(8), ascii('WEBP'))) return found('webp');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return detectZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (extension === 'doc' || extension === 'xls' || extension === 'ppt') return found(extension);
    return refuse('An older Office file must be a Word (.doc), Excel (.xls) or PowerPoint (.ppt) file');
  }
  if (isPlainText(bytes)) {
    if (extension === 'csv') return found('csv');
    if (extension === 'txt') return found('txt');
    return refuse(`${REFUSED}. Text files must be named .txt or .csv`);
  }
  return refuse(REFUSED);
}

/** The file's extension as its name declares it, lower case, without the dot ('' if none). */
export function declaredExtension(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

const MAX_NAME_LENGTH = 100;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A name that is safe to store and to send in a download header: letters,
 * digits, spaces, dots, hyphens and underscores only, at most ~100
 * characters, never empty, always ending in the detected type's extension.
 */
export function safeFileName(name: string, extension: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/_{2,}/g, '_')
    .replace(/^[\s._-]+|[\s._-]+$/g, '');
  const limit = MAX_NAME_LENGTH - extension.length - 1;
  let safe = Array.from(stem).slice(0, limit).join('').replace(/[\s._-]+$/, '');
  if (!safe) safe = 'evidence';
  if (WINDOWS_RESERVED.test(safe)) safe = `${safe}_file`;
  return `${safe}.${extension}`;
}

/**
 * The Content-Disposition of a download: always an attachment, an ASCII-only
 * `filename` for old clients and the exact name as RFC 5987 `filename*`.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** "1.2 MB", "340 KB", "12 bytes". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function baseName(name: string): string {
  return name.split(/[/\\]/).pop() ?? '';
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/**
 * Text: valid UTF-8 (an optional byte-order mark), no NUL and no control
 * characters other than tab, carriage return and line feed.
 */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return false;
  }
  // C0 controls except \t \n \r, DEL, and C1 controls.
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text);
}

// ---- ZIP containers: Office Open XML and OpenDocument -------------------

const ODF_MEDIA_TYPES: Record<string, FileKind> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

function detectZip(bytes: Uint8Array): FileTypeResult {
  const entries = zipEntryNames(bytes);
  if (!entries) return refuse(`${REFUSED}. This looks like a damaged or unsupported ZIP archive`);
  const names = new Set(entries);

  if (names.has('mimetype')) {
    const declared = odfMimeType(bytes);
    const kind = declared ? ODF_MEDIA_TYPES[declared] : undefined;
    if (kind) return found(kind);
    return refuse(`${REFUSED}. Only OpenDocument text, spreadsheets and presentations are accepted`);
  }

  if (names.has('[Content_Types].xml')) {
    // Macros are code: a macro-enabled document is not accepted as evidence.
    if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry))) {
      return refuse('Macro-enabled Office documents are not accepted: save it without macros (.docx, .xlsx or .pptx)');
    }
    if (entries.some((entry) => entry.startsWith('word/'))) return found('docx');
    if (entries.some((entry) => entry.startsWith('xl/'))) return found('xlsx');
    if (entries.some((entry) => entry.startsWith('ppt/'))) return found('pptx');
  }
  return refuse(`${REFUSED}. ZIP archives other than Office documents are not accepted`);
}

/** The names in a ZIP's central directory, or null when it cannot be read. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  let at = offset;
  // ZIP64 archives report 0xFFFF entries; reading until the signatures stop covers them.
  while (at + 46 <= eocd && view.getUint32(at, true) === 0x02014b50) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, nameEnd)));
    at = nameEnd + extraLength + commentLength;
    if (names.length > 100_000) return null;
  }
  if (names.length === 0 || (count !== 0xffff && names.length !== count)) return null;
  return names;
}

/** An OpenDocument file starts with an uncompressed "mimetype" entry naming its type. */
function odfMimeType(bytes: Uint8Array): string | null {
  if (bytes.length < 30) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const nameStart = 30;
  const name = new TextDecoder().decode(bytes.subarray(nameStart, nameStart + nameLength));
  if (method !== 0 || name !== 'mimetype' || size > 200) return null;
  const dataStart = nameStart + nameLength + extraLength;
  if (dataStart + size > bytes.length) return null;
  return new TextDecoder().decode(bytes.subarray(dataStart, dataStart + size)).trim();
}
