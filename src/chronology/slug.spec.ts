import fc from 'fast-check';
import { slug } from './chronology.service';

describe('slug, an export’s file name', () => {
  it('is ASCII, lower case, with hyphens between words', () => {
    expect(slug('Nguyễn Văn Đài — Case № 12/2024')).toBe('nguyen-van-ai-case-no-12-2024');
  });

  it('cuts a long name at the end of a word, never inside one', () => {
    const name = 'Khurram Parvez National Investigation Agency case RC-30/2021/NIA/DLI under the UAPA';
    expect(slug(name)).toBe('khurram-parvez-national-investigation-agency-case-rc-30-2021');
  });

  it('is at most 60 characters and made of whole words of the full name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 20 }),
        (words) => {
          const full = words.join('-');
          const short = slug(words.join(' '));
          expect(short.length).toBeLessThanOrEqual(60);
          if (full.length <= 60) {
            expect(short).toBe(full);
          } else if (words[0].length <= 60) {
            expect(`${full}-`.startsWith(`${short}-`)).toBe(true);
          }
        },
      ),
    );
  });
});
