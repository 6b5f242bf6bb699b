import { sniffMediaType } from './sniff-media-type';

describe('sniffMediaType', () => {
  it('knows PDF, PNG and JPEG by their signatures', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toBe('image/jpeg');
  });

  it('takes UTF-8 text with line breaks and tabs as plain text', () => {
    expect(sniffMediaType(Buffer.from('Laudo médico\r\n\tPaciente: …\n'))).toBe('text/plain');
  });

  it('refuses binary, invalid UTF-8, and a signature cut short', () => {
    expect(sniffMediaType(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeNull(); // a Windows executable
    expect(sniffMediaType(Buffer.from([0xc3, 0x28]))).toBeNull();
    expect(sniffMediaType(Buffer.from('text with a \u0000 inside'))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e]))).toBeNull();
    expect(sniffMediaType(Buffer.from('PK\u0003\u0004zip'))).toBeNull();
  });
});
