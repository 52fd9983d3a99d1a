import { ConfigService } from '@nestjs/config';
import type { IdentityConfig } from '../identity.environment';
import { publicUrlOf } from './account-links.service';

const config = (values: Record<string, unknown>) => new ConfigService(values) as unknown as IdentityConfig;

describe('publicUrlOf (where account links point)', () => {
  it('When PUBLIC_URL is set, then it is used without a trailing slash', () => {
    expect(publicUrlOf(config({ PUBLIC_URL: 'https://shop.example.com/account/', PORT: 3000 }))).toBe('https://shop.example.com/account');
  });

  it('When only PUBLIC_BASE_URL is set, then links point to the API there', () => {
    expect(publicUrlOf(config({ PUBLIC_BASE_URL: 'https://api.example.com', PORT: 3000 }))).toBe('https://api.example.com');
  });

  it("When neither is set, then links point to the API's own local address", () => {
    expect(publicUrlOf(config({ PORT: 4123 }))).toBe('http://localhost:4123');
  });
});
