import { Body, Controller, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { ChangePasswordRequestDto } from './dto/change-password.request.dto';
import { LoginRequestDto } from './dto/login.request.dto';
import { RefreshTokenRequestDto } from './dto/refresh-token.request.dto';
import { RegisterRequestDto } from './dto/register.request.dto';
import { TokenPairResponseDto } from './dto/token-pair.response.dto';
import { UserResponseDto } from './dto/user.response.dto';

@ApiTags('identity')
@Controller('auth')
export class AuthHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @AuthRateLimit({ accountField: 'email' })
  @Post('register')
  @ApiOperation({ operationId: 'register', summary: 'Create a customer account' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiProblems(400, [409, 'The email is already registered'], 429)
  register(@Body() body: RegisterRequestDto): Promise<UserView> {
    return this.commands.execute(new RegisterUserCommand(body.email, body.password, body.name));
  }

  @Public()
  @AuthRateLimit({ accountField: 'email' })
  @Post('login')
  @HttpCode(HttpStatus.OK)
  // RFC 6749 §5.1: responses carrying tokens must not be stored by any cache.
  @Header('cache-control', 'no-store')
  @ApiOperation({ operationId: 'login', summary: 'Exchange email and password for an access and a refresh token' })
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiProblems(
    400,
    [401, 'Wrong email or password'],
    [429, 'Too many attempts from this IP or for this account, or the account is locked after repeated failures'],
  )
  login(@Body() body: LoginRequestDto): Promise<TokenPair> {
    return this.commands.execute(new LogInCommand(body.email, body.password));
  }

  @Public()
  @AuthRateLimit({ accountField: 'refreshToken' })
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    operationId: 'refreshTokens',
    summary: 'Rotate a refresh token',
    description: 'Returns a new pair and spends the old refresh token. Presenting a spent token revokes its whole family.',
  })
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiProblems(400, [401, 'Invalid, expired, revoked or re-used refresh token'], 429)
  refresh(@Body() body: RefreshTokenRequestDto): Promise<TokenPair> {
    return this.commands.execute(new RefreshSessionCommand(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'logout', summary: 'End the session the refresh token belongs to' })
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
      'Checks the current password, sets the new one and revokes every refresh token of the user, on all devices: ' +
      'log in again with the new password. Access tokens already issued expire on their own (15 minutes by default). ' +
      'Wrong current passwords count towards the same lockout as failed logins.',
  })
  @ApiNoContentResponse({ description: 'Password changed; all sessions ended' })
  @ApiProblems(400, 401, [403, 'The current password is wrong'], [429, 'The account is locked after repeated failures'])
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordRequestDto): Promise<void> {
    await this.commands.execute(new ChangePasswordCommand(user.id, body.currentPassword, body.newPassword));
  }
}
