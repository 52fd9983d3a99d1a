import { Body, Controller, Header, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, AuthRateLimit, type AuthenticatedUser, CurrentUser, Public } from '@keel/http';
import {
  ChangePasswordCommand,
  ConfirmPasswordResetCommand,
  LogInCommand,
  LogOutCommand,
  RefreshSessionCommand,
  RegisterUserCommand,
  RequestPasswordResetCommand,
  ResendVerificationEmailCommand,
  type TokenPair,
  VerifyEmailCommand,
} from '../../application';
import { DEVICE_COOKIE, DeviceCookie } from './device-cookie';
import { EmailRequestAcceptedResponseDto, VerificationSentResponseDto } from './dto/accepted.response.dto';
import { AccountTokenRequestDto } from './dto/account-token.request.dto';
import { ConfirmPasswordResetRequestDto } from './dto/confirm-password-reset.request.dto';
import { EmailRequestDto } from './dto/email.request.dto';
import { ChangePasswordRequestDto } from './dto/change-password.request.dto';
import { LoginRequestDto } from './dto/login.request.dto';
import { RefreshTokenRequestDto } from './dto/refresh-token.request.dto';
import { RegisterRequestDto } from './dto/register.request.dto';
import { TokenPairResponseDto } from './dto/token-pair.response.dto';

@ApiTags('identity')
@Controller('auth')
export class AuthHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly deviceCookie: DeviceCookie,
  ) {}

  @Public()
  @AuthRateLimit({ accountField: 'email' })
  @Post('register')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'register',
    summary: 'Create a customer account',
    description:
      'Always 202, for a new and a taken address alike and in about the same time (no account enumeration). ' +
      'A new address gets an unverified account and a verification email (link valid 24 h); a taken one gets a ' +
      '"you already have an account" email with a password reset link instead, and the account is not changed. ' +
      'An unverified account can log in and read, but cannot place orders.',
  })
  @ApiAcceptedResponse({ type: VerificationSentResponseDto })
  @ApiProblems(400, 429)
  async register(@Body() body: RegisterRequestDto): Promise<VerificationSentResponseDto> {
    await this.commands.execute(new RegisterUserCommand(body.email, body.password, body.name));
    return { status: 'verification-sent' };
  }

  @Public()
  @AuthRateLimit({ accountField: 'token' })
  @Post('verify-email')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'verifyEmail',
    summary: 'Verify an email address with the token from the verification email',
    description: 'The token is single-use and expires after 24 hours; using it spends every other verification link of the account.',
  })
  @ApiNoContentResponse({ description: 'The address is verified' })
  @ApiProblems([400, 'Invalid, used or expired token'], 429)
  async verifyEmail(@Body() body: AccountTokenRequestDto): Promise<void> {
    await this.commands.execute(new VerifyEmailCommand(body.token));
  }

  @Public()
  @AuthRateLimit({ accountField: 'email' })
  @Post('verify-email/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'resendVerificationEmail',
    summary: 'Send the verification email again',
    description: 'Always 202: an email goes out only when the address has an account that is not verified yet.',
  })
  @ApiAcceptedResponse({ type: EmailRequestAcceptedResponseDto })
  @ApiProblems(400, 429)
  async resendVerification(@Body() body: EmailRequestDto): Promise<EmailRequestAcceptedResponseDto> {
    await this.commands.execute(new ResendVerificationEmailCommand(body.email));
    return { status: 'accepted' };
  }

  @Public()
  @AuthRateLimit({ accountField: 'email' })
  @Post('password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'requestPasswordReset',
    summary: 'Email a password reset link',
    description:
      'Always 202: an email with a single-use link valid 30 minutes goes out only when the address has an account. ' +
      'A reset also lifts a login lockout of the account.',
  })
  @ApiAcceptedResponse({ type: EmailRequestAcceptedResponseDto })
  @ApiProblems(400, 429)
  async requestPasswordReset(@Body() body: EmailRequestDto): Promise<EmailRequestAcceptedResponseDto> {
    await this.commands.execute(new RequestPasswordResetCommand(body.email));
    return { status: 'accepted' };
  }

  @Public()
  @AuthRateLimit({ accountField: 'token' })
  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with the token from the password reset email',
    description:
      'Spends the token (a second use is 400) and every other reset link of the account, ends every session of the ' +
      'user (refresh tokens are revoked and access tokens are refused by every instance within a second), lifts every ' +
      'login lockout of the account and verifies the address, which the link reached. The reset is audited.',
  })
  @ApiNoContentResponse({ description: 'Password changed; all sessions ended' })
  @ApiProblems([400, 'Invalid, used or expired token, or a password outside the policy'], 429)
  async confirmPasswordReset(@Body() body: ConfirmPasswordResetRequestDto): Promise<void> {
    await this.commands.execute(new ConfirmPasswordResetCommand(body.token, body.newPassword));
  }

  @Public()
  // Per IP only: a per-account counter would let anyone lock the owner out by naming the email (ADR 0013).
  @AuthRateLimit({})
  @Post('login')
  @HttpCode(HttpStatus.OK)
  // RFC 6749 §5.1: responses carrying tokens must not be stored by any cache.
  @Header('cache-control', 'no-store')
  @ApiOperation({
    operationId: 'login',
    summary: 'Exchange email and password for an access and a refresh token',
    description:
      `Sets the HttpOnly device cookie \`${DEVICE_COOKIE}\`: a device that logged into the account before is never locked ` +
      "out by other clients' failures. Wrong passwords lock out only the client that sent them (by device cookie, else by IP); " +
      'many failures from many clients slow down every client the account does not know.',
  })
  @ApiOkResponse({
    type: TokenPairResponseDto,
    headers: {
      'Set-Cookie': { description: `\`${DEVICE_COOKIE}\`, signed, HttpOnly, SameSite=Strict`, schema: { type: 'string', maxLength: 200 } },
    },
  })
  @ApiProblems(
    400,
    [401, 'Wrong email or password'],
    [429, 'Too many attempts from this IP, or this client (or, during a flood, every unknown client) is locked out of the account'],
  )
  async login(
    @Body() body: LoginRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPair> {
    const { pair, deviceId } = await this.commands.execute(
      new LogInCommand(body.email, body.password, this.deviceCookie.clientOf(request)),
    );
    this.deviceCookie.write(request, reply, deviceId);
    return pair;
  }

  @Public()
  @AuthRateLimit({ accountField: 'refreshToken' })
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    operationId: 'refreshTokens',
    summary: 'Rotate a refresh token',
    description:
      'Returns a new pair and spends the old refresh token. Presenting it again within the grace window ' +
      '(REFRESH_TOKEN_REUSE_GRACE_SECONDS, 10 s by default) returns that same pair; later, it revokes the whole family.',
  })
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiProblems(400, [401, 'Invalid, expired, revoked or re-used refresh token'], 429)
  refresh(@Body() body: RefreshTokenRequestDto): Promise<TokenPair> {
    return this.commands.execute(new RefreshSessionCommand(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth('bearer')
  @ApiOperation({
    operationId: 'logout',
    summary: 'End the session the refresh token belongs to',
    description: "The session's refresh tokens are revoked, and its access tokens are refused by every instance within a second.",
  })
  @ApiNoContentResponse({ description: 'Logged out (also when the token was already invalid)' })
  @ApiProblems(400, 401)
  async logout(@CurrentUser() user: AuthenticatedUser, @Body() body: RefreshTokenRequestDto): Promise<void> {
    await this.commands.execute(new LogOutCommand(user.id, body.refreshToken));
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth('bearer')
  @ApiOperation({
    operationId: 'changePassword',
    summary: "Change the caller's password",
    description:
      'Checks the current password, sets the new one and ends every session of the user, on all devices: refresh tokens ' +
      'are revoked and access tokens are refused within a second; log in again with the new password. ' +
      'Wrong current passwords count towards the same lockout as failed logins from this client.',
  })
  @ApiNoContentResponse({ description: 'Password changed; all sessions ended' })
  @ApiProblems(400, 401, [403, 'The current password is wrong'], [429, 'The account is locked after repeated failures'])
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordRequestDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.commands.execute(
      new ChangePasswordCommand(user.id, body.currentPassword, body.newPassword, this.deviceCookie.clientOf(request)),
    );
  }
}
