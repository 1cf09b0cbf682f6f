import JSZip from 'jszip';

/** What a document may be: what courts, lawyers and families send (orders, charge sheets, photos). */
export const DOCUMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type DocumentMediaType = keyof typeof DOCUMENT_TYPES;

/** 25 MB: a scanned court order of a few dozen pages; anything larger is refused before it is stored. */
export const MAX_DOCUMENT_MEGABYTES = 25;
export const MAX_DOCUMENT_BYTES = MAX_DOCUMENT_MEGABYTES * 1024 * 1024;

const TYPE_NAMES = Object.values(DOCUMENT_TYPES)
  .map((extension) => extension.toUpperCase())
  .join(', ');

/** Why an upload is refused, as the API says it; the pages say each in the reader's language (problem-words.ts). */
export const UPLOAD_PROBLEMS = {
  none: 'Choose a file to upload',
  tooLarge: `must be ${MAX_DOCUMENT_MEGABYTES} MB or smaller`,
  type: `must be a ${TYPE_NAMES} file; this file's content is none of them`,
  unreadable: 'could not be read: send one file in a multipart/form-data body',
} as const;
export type UploadProblem = keyof typeof UPLOAD_PROBLEMS;

const startsWith = (content: Buffer, signature: number[], at = 0): boolean =>
  content.length >= at + signature.length && signature.every((byte, i) => content[at + i] === byte);
const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));

/**
 * The type of a file from its content, never its name or the type the browser claimed: a file
 * named order.pdf that is an HTML page or a program is refused. A DOCX is a ZIP holding a Word main
 * part, so the ZIP is opened and its content types read (a renamed .zip or .xlsx is not a DOCX).
 * null for anything else.
 */
export async function detectDocumentType(content: Buffer): Promise<DocumentMediaType | null> {
  if (startsWith(content, ascii('%PDF-'))) {
    return 'application/pdf';
  }
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'image/png';
  }
  if (startsWith(content, [0xff, 0xd8, 0xff])) {
    return 'image/jpeg';
  }
  if (startsWith(content, ascii('GIF87a')) || startsWith(content, ascii('GIF89a'))) {
    return 'image/gif';
  }
  if (startsWith(content, ascii('RIFF')) && startsWith(content, ascii('WEBP'), 8)) {
    return 'image/webp';
  }
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04]) && (await isWordDocument(content))) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

async function isWordDocument(content: Buffer): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(content);
    const types = await zip.file('[Content_Types].xml')?.async('string');
    return (
      types !== undefined &&
      types.includes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')
    );
  } catch {
    return false; // not a readable ZIP
  }
}

/**
 * The name a file is stored and served under: the uploader's, without any path, control characters
 * or characters a file system refuses, at most 200 characters, and ending in the extension of what it
 * really is.
 */
export function documentFileName(given: string | undefined, type: DocumentMediaType): string {
  const extension = DOCUMENT_TYPES[type];
  const base = (given ?? '')
    .split(/[\\/]/)
    .pop()!
    .normalize('NFC')
    .replace(/[\p{Cc}<>:"|?*]/gu, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 200);
  return `${base || 'document'}.${extension}`;
}
