/**
 * Downloads from the 网页版: the browser's own download of a Blob (office/delivery.ts's
 * downloadFile, which Excel on the web uses too: it needs no Office, only a document).
 */
export { DOCX_MIME, downloadFile } from '../office/delivery';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ZIP_MIME = 'application/zip';

/** Offer bytes as a file download; the page gets it through props, so that tests can watch it. */
export type Download = (bytes: Uint8Array, fileName: string, mime: string) => void;
