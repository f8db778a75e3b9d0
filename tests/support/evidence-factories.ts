// Test data for evidence, measures and comments: a recommendation and its one
// action inserted directly (not through a use case), and small but genuine
// files of each kind.
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { storedDate } from '@/lib/days';
import { actionOf } from './list-factories';

/** A review with one recommendation and its one action, owned by the given agency; returned with `actionId`. */
export async function createRecommendation(ownerAgencyId: string, overrides: { archived?: boolean } = {}) {
  const review = await db.review.create({
    data: { title: `Review ${randomUUID().slice(0, 8)}`, kind: 'SERIOUS_CASE_REVIEW', commissioningBody: 'Test board' },
  });
  const due = storedDate('2030-01-31');
  const recommendation = await db.recommendation.create({
    data: {
      reviewId: review.id,
      reference: 'R1',
      text: 'Train every member of staff face to face',
      ownerAgencyId,
      originalDueDate: due,
      dueDate: due,
      lastProgressAt: new Date(Date.UTC(2020, 0, 1)),
      archivedAt: overrides.archived ? new Date() : null,
    },
  });
  const action = await db.action.create({
    data: {
      recommendationId: recommendation.id,
      reference: '1',
      ownerAgencyId,
      originalDueDate: due,
      dueDate: due,
      lastProgressAt: recommendation.lastProgressAt,
      statusChangedAt: recommendation.statusChangedAt,
      createdAt: recommendation.createdAt,
    },
  });
  return Object.assign(recommendation, { actionId: action.id });
}

/** Evidence for an action (given the action's id, or its recommendation's for its first action). */
export async function createEvidence(actionOrRecommendationId: string, submittedById: string, overrides: { title?: string } = {}) {
  const action = await actionOf(actionOrRecommendationId);
  return db.evidence.create({
    data: {
      recommendationId: action.recommendationId,
      actionId: action.id,
      submittedById,
      title: overrides.title ?? 'Training attendance, March',
      kind: 'TRAINING_RECORD',
      url: 'https://intranet.example.test/training/march',
    },
  });
}

/** A measure of an action (given the action's id, or its recommendation's for its first action). */
export async function createMeasure(actionOrRecommendationId: string, overrides: { name?: string; target?: number; currentValue?: number } = {}) {
  const action = await actionOf(actionOrRecommendationId);
  return db.measure.create({
    data: {
      recommendationId: action.recommendationId,
      actionId: action.id,
      name: overrides.name ?? 'Staff trained face to face',
      unit: 'staff',
      target: overrides.target ?? 1500,
      currentValue: overrides.currentValue ?? 0,
    },
  });
}

/** Everything that was written, to show that a refused attempt wrote nothing. */
export async function snapshot() {
  const [evidence, files, measures, comments, events, recommendations, actions] = await Promise.all([
    db.evidence.findMany({ orderBy: { id: 'asc' } }),
    db.evidenceFile.findMany({ orderBy: { id: 'asc' }, select: { id: true, sha256: true } }),
    db.measure.findMany({ orderBy: { id: 'asc' } }),
    db.comment.findMany({ orderBy: { id: 'asc' } }),
    db.historyEvent.findMany({ orderBy: { id: 'asc' } }),
    db.recommendation.findMany({ orderBy: { id: 'asc' } }),
    db.action.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { evidence, files, measures, comments, events, recommendations, actions };
}

// ---- Files ----------------------------------------------------------------

const encoder = new TextEncoder();

export function bytesOf(...parts: (string | number[] | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part)));
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A real (stored, uncompressed) ZIP archive with these entries, in this order. */
export function makeZip(entries: { name: string; data?: string }[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const data = encoder.encode(entry.data ?? '');
    const crc = crc32(data);
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 0, true); // stored
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  return bytesOf(...locals, ...centrals, end);
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export const sampleFiles = {
  pdf: () => bytesOf('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  png: () => bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
  jpeg: () => bytesOf([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
  gif: () => bytesOf('GIF89a', [1, 0, 1, 0, 0, 0, 0, 0x3b]),
  webp: () => bytesOf('RIFF', [26, 0, 0, 0], 'WEBPVP8L', [13, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  docx: () =>
    makeZip([
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
      { name: '_rels/.rels', data: '<Relationships/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]),
  xlsx: () => makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>' }]),
  pptx: () => makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'ppt/presentation.xml', data: '<p/>' }]),
  docm: () =>
    makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/vbaProject.bin', data: 'macro' },
    ]),
  odt: () =>
    makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: '<office:document-content/>' },
      { name: 'META-INF/manifest.xml', data: '<manifest/>' },
    ]),
  ods: () => makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' }, { name: 'content.xml', data: '<x/>' }]),
  plainZip: () => makeZip([{ name: 'payload.exe', data: 'MZ' }]),
  jar: () => makeZip([{ name: 'META-INF/MANIFEST.MF', data: 'Main-Class: X' }, { name: 'X.class', data: 'cafebabe' }]),
  ole: () => bytesOf([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(504).fill(0)),
  exe: () => bytesOf('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], 'This program cannot be run in DOS mode.'),
  html: () => bytesOf('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n'),
  text: () => bytesOf('Minutes of the board, 27 September 2012\r\nAttendees:\tChair, Children’s services lead\n'),
  csv: () => bytesOf('month,staff trained\nJanuary,120\nFebruary,340\n'),
};
