// Runs the @nestjs/swagger CLI plugin under ts-jest, so the e2e app documents its DTOs exactly
// as the `nest build` output does (see nest-cli.json for the same options).
const transformer = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (compiler) =>
  transformer.before({ classValidatorShim: true, introspectComments: true, dtoFileNameSuffix: ['.dto.ts', '.body.ts'] }, compiler.program);
