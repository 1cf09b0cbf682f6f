import fc from 'fast-check';
import { types } from 'pg';
import {
  DataKeyError,
  DataKeys,
  dataKeyId,
  dataKeyProblem,
  generateDataKey,
  isSealed,
  sealedKeyId,
} from './data-keys';
import { SealedTypes } from './sealed-connection';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);

describe('DataKeys', () => {
  it('opens what it sealed, for any JSON value, and the sealed text shows none of it', () => {
    const keys = new DataKeys(keyA);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const sealed = keys.seal(value);
        expect(isSealed(sealed)).toBe(true);
        // As JSON keeps it (-0 becomes 0).
        expect(keys.open(sealed)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    const sealed = keys.seal('Lawyer: Parveena, +91 98000 00000');
    expect(sealed).not.toMatch(/Parveena|98000/);
  });

  it('seals the same text differently each time (a fresh nonce), so equal values cannot be matched', () => {
    const keys = new DataKeys(keyA);
    expect(keys.seal('same')).not.toBe(keys.seal('same'));
  });

  it('names the key in the sealed text, and opens with a previous key while sealing with the current one', () => {
    const old = new DataKeys(keyA);
    const sealedBefore = old.seal('written before the rotation');
    expect(sealedKeyId(sealedBefore)).toBe(dataKeyId(keyA));

    const rotated = new DataKeys(keyB, [keyA]);
    expect(rotated.open(sealedBefore)).toBe('written before the rotation');
    expect(sealedKeyId(rotated.seal('after'))).toBe(dataKeyId(keyB));
  });

  it('refuses, naming the key, to open a value sealed under a key it lacks', () => {
    const sealed = new DataKeys(keyA).seal('secret');
    expect(() => new DataKeys(keyB).open(sealed)).toThrow(DataKeyError);
    expect(() => new DataKeys(keyB).open(sealed)).toThrow(dataKeyId(keyA));
  });

  it('refuses a sealed value that was tampered with', () => {
    const keys = new DataKeys(keyA);
    const sealed = keys.seal('the hearing is on Monday');
    // A character inside the payload (the last one may carry unused bits).
    const at = sealed.length - 10;
    const tampered = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    expect(() => keys.open(tampered)).toThrow(/integrity/);
  });

  it('leaves text that is not in the sealed form as it is, and opens sealed strings deep inside JSON', () => {
    const keys = new DataKeys(keyA);
    expect(keys.open('vigil-sealed: a caseworker typed this')).toBe('vigil-sealed: a caseworker typed this');
    const snapshot = {
      court: keys.seal('Special Court'),
      sources: [{ url: keys.seal('https://example.org') }],
      days: 20,
    };
    expect(keys.openDeep(snapshot)).toEqual({
      court: 'Special Court',
      sources: [{ url: 'https://example.org' }],
      days: 20,
    });
  });
});

describe('DataKeys for file content', () => {
  it('opens the bytes it sealed under any key it holds, leaves unsealed bytes alone and refuses tampered ones', () => {
    const old = new DataKeys(keyA);
    const keys = new DataKeys(keyB, [keyA]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (array) => {
        const content = Buffer.from(array);
        const sealed = old.sealBytes(content);
        expect(DataKeys.sealedBytesKeyId(sealed)).toBe(dataKeyId(keyA));
        expect(keys.openBytes(sealed).equals(content)).toBe(true);
        expect(keys.openBytes(keys.sealBytes(content)).equals(content)).toBe(true);
      }),
    );
    const page = Buffer.from('%PDF-1.4 Statement of the witness from Kupwara', 'latin1');
    const sealed = keys.sealBytes(page);
    expect(sealed.toString('latin1')).not.toContain('Kupwara');
    expect(keys.openBytes(page)).toBe(page);
    sealed[sealed.length - 1] ^= 1;
    expect(() => keys.openBytes(sealed)).toThrow(DataKeyError);
    expect(() => new DataKeys(keyA).openBytes(keys.sealBytes(page))).toThrow(dataKeyId(keyB));
  });
});

describe('dataKeyProblem', () => {
  it('takes 32 bytes of base64 and says what is wrong with anything else', () => {
    expect(dataKeyProblem(generateDataKey())).toBeUndefined();
    expect(dataKeyProblem(Buffer.alloc(16).toString('base64'))).toMatch(/32 bytes .*got 16/);
    expect(dataKeyProblem('not base64 at all!')).toBe('is not base64');
  });
});

describe('SealedTypes', () => {
  it('opens sealed text, text arrays and JSON as node-postgres reads them, and leaves other types to pg', () => {
    const keys = new DataKeys(keyA);
    const parsers = new SealedTypes(keys);
    const text = parsers.getTypeParser(25);
    expect(text(keys.seal('Tihar Jail'))).toBe('Tihar Jail');
    expect(text('in clear')).toBe('in clear');
    const jsonb = parsers.getTypeParser(3802);
    expect(jsonb(JSON.stringify({ contacts: keys.seal([{ name: 'Sister' }]) }))).toEqual({
      contacts: [{ name: 'Sister' }],
    });
    // jsonb handed on as text (the timeline's pass-through): the sealed strings inside it, opened.
    const jsonText = JSON.stringify({ court: keys.seal('Court "No. 2"'), days: 20 });
    expect(JSON.parse(text(jsonText) as string)).toEqual({ court: 'Court "No. 2"', days: 20 });
    const typed = '["a note quoting", "vigil-sealed:v1:0123456789abcdef:notreal"]';
    expect(text(typed)).toBe(typed);
    const row = `(1,"{""court"": ""${keys.seal('x')}""}")`;
    expect(text(row)).toBe(row);
    const textArray = parsers.getTypeParser(1009);
    expect(textArray(`{${keys.seal('a')},b}`)).toEqual(['a', 'b']);
    expect(parsers.getTypeParser(1184)).toBe(types.getTypeParser(1184, 'text'));
  });
});
