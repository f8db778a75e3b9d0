import { describe, expect, it } from 'vitest';
import { bytesOf, makeZip, sampleFiles } from '@/tests/support/evidence-factories';
import { attachmentDisposition, detectFileType, type FileKind, MAX_FILE_BYTES, safeFileName } from './file-type';

function kindOf(bytes: Uint8Array, name: string): FileKind | string {
  const result = detectFileType(bytes, name);
  return result.ok ? result.type.kind : `refused: ${result.reason}`;
}

describe('detectFileType: accepted by content', () => {
  it.each<[keyof typeof sampleFiles, string, FileKind, string]>([
    ['pdf', 'policy.pdf', 'pdf', 'application/pdf'],
    ['png', 'chart.png', 'png', 'image/png'],
    ['jpeg', 'photo.jpeg', 'jpeg', 'image/jpeg'],
    ['gif', 'poster.gif', 'gif', 'image/gif'],
    ['webp', 'poster.webp', 'webp', 'image/webp'],
    ['docx', 'strategy.docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'figures.xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['pptx', 'briefing.pptx', 'pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['odt', 'minutes.odt', 'odt', 'application/vnd.oasis.opendocument.text'],
    ['ods', 'figures.ods', 'ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['text', 'minutes.txt', 'txt', 'text/plain; charset=utf-8'],
    ['csv', 'figures.CSV', 'csv', 'text/csv; charset=utf-8'],
  ])('%s named %s', (sample, name, kind, mediaType) => {
    expect(detectFileType(sampleFiles[sample](), name)).toEqual({ ok: true, type: expect.objectContaining({ kind, mediaType }) });
  });

  it('goes by content, not by name: a PNG called .pdf is a PNG, a PDF without an extension is a PDF', () => {
    expect(kindOf(sampleFiles.png(), 'report.pdf')).toBe('png');
    expect(kindOf(sampleFiles.pdf(), 'report')).toBe('pdf');
    expect(kindOf(sampleFiles.docx(), 'strategy.zip')).toBe('docx');
  });

  it('decides legacy Office files by their declared extension', () => {
    expect(kindOf(sampleFiles.ole(), 'old.doc')).toBe('doc');
    expect(kindOf(sampleFiles.ole(), 'old.XLS')).toBe('xls');
    expect(kindOf(sampleFiles.ole(), 'old.ppt')).toBe('ppt');
    expect(kindOf(sampleFiles.ole(), 'installer.msi')).toMatch(/^refused: An older Office file/);
    expect(kindOf(sampleFiles.ole(), 'old.pdf')).toMatch(/^refused/);
  });

  it('accepts UTF-8 text with a byte-order mark, tabs and CRLF', () => {
    expect(kindOf(bytesOf([0xef, 0xbb, 0xbf], 'a,b\r\n1,\t2\r\n'), 'data.csv')).toBe('csv');
  });
});

describe('detectFileType: refused', () => {
  it.each<[keyof typeof sampleFiles | 'empty', string]>([
    ['exe', 'report.pdf'],
    ['exe', 'report.exe'],
    ['html', 'report.pdf'],
    ['html', 'page.html'],
    ['html', 'report.docx'],
    ['plainZip', 'archive.zip'],
    ['plainZip', 'report.docx'],
    ['jar', 'tool.docx'],
    ['docm', 'report.docx'],
    ['text', 'script.js'],
    ['text', 'noextension'],
    ['empty', 'empty.txt'],
  ])('%s named %s', (sample, name) => {
    const bytes = sample === 'empty' ? new Uint8Array() : sampleFiles[sample]();
    const result = detectFileType(bytes, name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/\w/);
  });

  it('refuses text with NUL or other control characters, and invalid UTF-8', () => {
    expect(kindOf(bytesOf('a,b\n', [0], '1,2\n'), 'data.csv')).toMatch(/^refused/);
    expect(kindOf(bytesOf('escape \u001b[31m red'), 'notes.txt')).toMatch(/^refused/);
    expect(kindOf(bytesOf('caf', [0xe9], '\n'), 'notes.txt')).toMatch(/^refused/); // Latin-1 é
  });

  it('refuses a ZIP with an OpenDocument type other than text, spreadsheet or presentation', () => {
    const odg = makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.graphics' }, { name: 'content.xml' }]);
    expect(kindOf(odg, 'drawing.odg')).toMatch(/^refused/);
  });

  it('refuses a damaged ZIP (no central directory)', () => {
    const docx = sampleFiles.docx();
    expect(kindOf(docx.subarray(0, docx.length - 30), 'cut.docx')).toMatch(/^refused/);
  });

  it(`refuses anything over ${MAX_FILE_BYTES} bytes, and accepts exactly the limit`, () => {
    const atLimit = new Uint8Array(MAX_FILE_BYTES);
    atLimit.set(sampleFiles.pdf());
    expect(kindOf(atLimit, 'big.pdf')).toBe('pdf');
    const over = new Uint8Array(MAX_FILE_BYTES + 1);
    over.set(sampleFiles.pdf());
    expect(kindOf(over, 'big.pdf')).toBe('refused: The file must be 10 MB or smaller');
  });
});

describe('safeFileName', () => {
  it('keeps letters, digits, spaces, dots, hyphens and underscores, and ends in the detected extension', () => {
    expect(safeFileName('Training record – March 2012.pdf', 'pdf')).toBe('Training record _ March 2012.pdf');
    expect(safeFileName('Café plan v1.2.docx', 'docx')).toBe('Café plan v1.2.docx');
    expect(safeFileName('report.pdf', 'png')).toBe('report.png');
    expect(safeFileName('figures', 'csv')).toBe('figures.csv');
  });

  it('drops paths, quotes, control characters and leading dots', () => {
    expect(safeFileName('../../etc/passwd.txt', 'txt')).toBe('passwd.txt');
    expect(safeFileName('C:\\Users\\x\\"evil";\r\nname.pdf', 'pdf')).toBe('evil_name.pdf');
    expect(safeFileName('.htaccess', 'txt')).toBe('htaccess.txt');
    expect(safeFileName('<img src=x onerror=alert(1)>.html', 'txt')).toBe('img src_x onerror_alert_1.txt');
  });

  it('is never empty, never a reserved device name, and at most 100 characters', () => {
    expect(safeFileName('', 'pdf')).toBe('evidence.pdf');
    expect(safeFileName('???.pdf', 'pdf')).toBe('evidence.pdf');
    expect(safeFileName('CON.txt', 'txt')).toBe('CON_file.txt');
    const long = safeFileName(`${'a'.repeat(300)}.pdf`, 'pdf');
    expect(long).toHaveLength(100);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('is always an attachment with an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Café plan.pdf')).toBe(`attachment; filename="Cafe plan.pdf"; filename*=UTF-8''Caf%C3%A9%20plan.pdf`);
    expect(attachmentDisposition('Ministry 東京.txt')).toBe(
      `attachment; filename="Ministry __.txt"; filename*=UTF-8''Ministry%20%E6%9D%B1%E4%BA%AC.txt`,
    );
  });
});
