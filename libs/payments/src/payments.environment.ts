import { ConfigService } from '@nestjs/config';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';

/** Where the payment settings point when unset: the bundled sandbox (`npm run start:sandbox`) and its test keys. */
export const SANDBOX_PAYMENT_DEFAULTS = {
  STRIPE_API_BASE: 'http://127.0.0.1:4010',
  STRIPE_API_KEY: 'sk_test_sandbox',
  STRIPE_WEBHOOK_SECRET: 'whsec_sandbox',
  RAZORPAY_API_BASE: 'http://127.0.0.1:4010',
  RAZORPAY_KEY_ID: 'rzp_test_sandbox',
  RAZORPAY_KEY_SECRET: 'rzp_test_sandbox_secret',
  RAZORPAY_WEBHOOK_SECRET: 'rzp_webhook_sandbox',
} as const;

/**
 * In production with payments on, a payment setting must be given explicitly:
 * the sandbox default (a public test key or webhook secret, a local URL) is
 * refused at boot, so a forgotten variable can neither charge against the
 * sandbox nor accept webhooks signed with a secret anyone can read. NODE_ENV is
 * the platform's variable: it is read raw from the object being validated
 * (validateEnvironment validates every context's settings from the same variables).
 */
const ExplicitInProduction = () =>
  ValidateBy(
    {
      name: 'explicitInProduction',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const env = args?.object as PaymentsEnvironment & { NODE_ENV?: string };
          if (env.NODE_ENV !== 'production' || env.PAYMENTS_ENABLED === false) return true;
          return value !== SANDBOX_PAYMENT_DEFAULTS[args?.property as keyof typeof SANDBOX_PAYMENT_DEFAULTS];
        },
      },
    },
    { message: 'is required when NODE_ENV=production (the sandbox default is refused); set it, or set PAYMENTS_ENABLED=false' },
  );

/** A provider URL pointing at this machine: the only place the bundled sandbox (and its public keys) can be. */
export function isLocalSandboxUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}

/**
 * A sandbox key or webhook secret is public (it is in this file): whatever NODE_ENV says, it is refused as soon as
 * its provider's URL is anything but the local sandbox, so a staging or mis-labelled deployment pointed at a real
 * provider, or at a shared sandbox, can neither send the public key there nor accept webhooks anyone can sign.
 */
const SandboxSecretOnlyOnLocalSandbox = (baseProperty: 'STRIPE_API_BASE' | 'RAZORPAY_API_BASE') =>
  ValidateBy(
    {
      name: 'sandboxSecretOnlyOnLocalSandbox',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const env = args?.object as PaymentsEnvironment;
          if (env.PAYMENTS_ENABLED === false) return true;
          if (value !== SANDBOX_PAYMENT_DEFAULTS[args?.property as keyof typeof SANDBOX_PAYMENT_DEFAULTS]) return true;
          return isLocalSandboxUrl(env[baseProperty]);
        },
      },
    },
    {
      message: `is the public sandbox default, refused because ${baseProperty} is not the local sandbox (a loopback URL); set the provider's own value`,
    },
  );

/**
 * The environment variables the payments context owns, validated at boot with
 * the platform's (paymentsContext.settings). Read with `ConfigService<PaymentsEnvironment, true>`.
 */
export class PaymentsEnvironment {
  /**
   * Payment providers. Unset in development: the bundled sandbox
   * (`npm run start:sandbox`, SANDBOX_PORT) with its sandbox keys and secrets.
   */
  @IsString()
  @ExplicitInProduction()
  STRIPE_API_BASE: string = SANDBOX_PAYMENT_DEFAULTS.STRIPE_API_BASE;

  @IsString()
  @ExplicitInProduction()
  @SandboxSecretOnlyOnLocalSandbox('STRIPE_API_BASE')
  STRIPE_API_KEY: string = SANDBOX_PAYMENT_DEFAULTS.STRIPE_API_KEY;

  @IsString()
  @ExplicitInProduction()
  @SandboxSecretOnlyOnLocalSandbox('STRIPE_API_BASE')
  STRIPE_WEBHOOK_SECRET: string = SANDBOX_PAYMENT_DEFAULTS.STRIPE_WEBHOOK_SECRET;

  @IsString()
  @ExplicitInProduction()
  RAZORPAY_API_BASE: string = SANDBOX_PAYMENT_DEFAULTS.RAZORPAY_API_BASE;

  @IsString()
  @ExplicitInProduction()
  @SandboxSecretOnlyOnLocalSandbox('RAZORPAY_API_BASE')
  RAZORPAY_KEY_ID: string = SANDBOX_PAYMENT_DEFAULTS.RAZORPAY_KEY_ID;

  @IsString()
  @ExplicitInProduction()
  @SandboxSecretOnlyOnLocalSandbox('RAZORPAY_API_BASE')
  RAZORPAY_KEY_SECRET: string = SANDBOX_PAYMENT_DEFAULTS.RAZORPAY_KEY_SECRET;

  @IsString()
  @ExplicitInProduction()
  @SandboxSecretOnlyOnLocalSandbox('RAZORPAY_API_BASE')
  RAZORPAY_WEBHOOK_SECRET: string = SANDBOX_PAYMENT_DEFAULTS.RAZORPAY_WEBHOOK_SECRET;

  /** Port of the payment-provider sandbox (`npm run start:sandbox`, started by `npm start`). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  SANDBOX_PORT = 4010;

  /**
   * When false, payment requests are acknowledged without charging and
   * provider webhooks are refused (tests of other contexts, or an installation
   * without payments). Default true in every environment.
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  PAYMENTS_ENABLED = true;
}

/** Typed access to these variables: inject `ConfigService` as `PaymentsConfig` and call `config.get('NAME', { infer: true })`. */
export type PaymentsConfig = ConfigService<PaymentsEnvironment, true>;
export const PaymentsConfig = ConfigService;
