import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';
import { detectDocumentType, documentFileName } from './document-type';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

describe('detectDocumentType', () => {
  it('knows PDFs and images by their first bytes', async () => {
    expect(await detectDocumentType(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'))).toBe('application/pdf');
    expect(
      await detectDocumentType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    ).toBe('image/png');
    expect(await detectDocumentType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('image/jpeg');
    expect(await detectDocumentType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(await detectDocumentType(bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
  });

  it('knows a Word document by what its ZIP holds', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Order')] }] }));
    expect(await detectDocumentType(docx)).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('refuses anything else, whatever it is called', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'not a Word document');
    expect(await detectDocumentType(await zip.generateAsync({ type: 'nodebuffer' }))).toBeNull();
    expect(await detectDocumentType(bytes([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
    expect(await detectDocumentType(bytes('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(await detectDocumentType(bytes('MZ\x90\x00'))).toBeNull();
    expect(await detectDocumentType(bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(await detectDocumentType(Buffer.alloc(0))).toBeNull();
  });
});

describe('documentFileName', () => {
  it('keeps the name people gave, with the extension of what the file is', () => {
    expect(documentFileName('Order of 4 December.pdf', 'application/pdf')).toBe('Order of 4 December.pdf');
    expect(documentFileName('scan.pdf', 'image/jpeg')).toBe('scan.jpg');
    expect(
      documentFileName(
        'قرار المحكمة.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
    ).toBe('قرار المحكمة.docx');
  });

  it('drops paths and characters a file system or a header would choke on', () => {
    expect(documentFileName('C:\\Users\\me\\order.pdf', 'application/pdf')).toBe('order.pdf');
    expect(documentFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(documentFileName('a"b<c>\r\n.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(documentFileName(undefined, 'image/png')).toBe('document.png');
    expect(documentFileName('x'.repeat(500), 'image/png')).toHaveLength(204);
  });
});
