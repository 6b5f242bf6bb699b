import { cleanName } from './read-upload';

describe('cleanName', () => {
  it('keeps the file name only, without folders or control characters, and names a nameless file', () => {
    expect(cleanName('../../etc/passwd')).toBe('passwd');
    expect(cleanName('C:\\Users\\maria\\laudo médico.pdf')).toBe('laudo médico.pdf');
    expect(cleanName('laudo\r\nSet-Cookie: x.pdf')).toBe('laudoSet-Cookie: x.pdf');
    expect(cleanName('   ')).toBe('attachment');
    expect(cleanName(undefined)).toBe('attachment');
    expect(cleanName(`${'a'.repeat(300)}.pdf`)).toHaveLength(255);
    // 254 characters and an emoji: cut after the emoji, not inside it, so the name stays encodable.
    const cut = cleanName(`${'b'.repeat(254)}😀😀.pdf`);
    expect(Array.from(cut)).toHaveLength(255);
    expect(() => encodeURIComponent(cut)).not.toThrow();
    expect(cleanName('laudo\ud800.pdf')).toBe('laudo\ufffd.pdf');
  });
});
