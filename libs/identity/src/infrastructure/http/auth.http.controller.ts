import { Body, Controller, Header, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, AuthRateLimit, type AuthenticatedUser, CurrentUser, Public } from '@keel/http';
import {
  ChangePasswordCommand,
  LogInCommand,
  LogOutCommand,
  RefreshSessionCommand,
  RegisterUserCommand,
  type TokenPair,
  type UserView,
} from '../../application';
import { DEVICE_COOKIE, DeviceCookie } from './device-cookie';
import { ChangePasswordRequestDto } from './dto/change-password.request.dto';
import { LoginRequestDto } from './dto/login.request.dto';
import { RefreshTokenRequestDto } from './dto/refresh-token.request.dto';
import { RegisterRequestDto } from './dto/register.request.dto';
import { TokenPairResponseDto } from './dto/token-pair.response.dto';
import { UserResponseDto } from './dto/user.response.dto';

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
  @ApiOperation({ summary: 'Create a customer account' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiProblems(400, [409, 'The email is already registered'], 429)
  register(@Body() body: RegisterRequestDto): Promise<UserView> {
    return this.commands.execute(new RegisterUserCommand(body.email, body.password, body.name));
  }

  @Public()
  // Per IP only: a per-account counter would let anyone lock the owner out by naming the email (ADR 0013).
  @AuthRateLimit({})
  @Post('login')
  @HttpCode(HttpStatus.OK)
  // RFC 6749 §5.1: responses carrying tokens must not be stored by any cache.
  @Header('cache-control', 'no-store')
  @ApiOperation({
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
