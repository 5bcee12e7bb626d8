export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.service';
export * from './dto/user.view';
export * from './identity.module';
export * from './principal';
export * from './token.service';
export * from './users.service';
