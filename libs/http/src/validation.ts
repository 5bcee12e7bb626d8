import { ValidationPipe, ValidationError as ClassValidatorError } from '@nestjs/common';
import { FieldError, ValidationError } from '@balai/errors';

/** Flattens class-validator's tree into `{field, message}` rows with dotted/indexed paths. */
export function fieldErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** One pipe for HTTP bodies, queries and Socket.IO payloads: lists every bad field, rejects unknown ones. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationError(fieldErrors(errors)),
  });
}
