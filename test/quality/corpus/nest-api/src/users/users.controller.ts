import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { SignUpDto, UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  signUp(@Body() dto: SignUpDto) {
    return this.users.signUp(dto);
  }

  @Post('password-reset')
  reset(@Body('email') email: string) {
    return this.users.requestPasswordReset(email);
  }

  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.users.remove(id);
  }
}
