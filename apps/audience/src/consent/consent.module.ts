import { Module } from '@nestjs/common';
import { ProofHashes } from './proof-hashes';

@Module({ providers: [ProofHashes], exports: [ProofHashes] })
export class ConsentModule {}
