import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A console session. The cookie holds the secret; the database only its hash, so a leaked dump signs nobody in. */
@Schema({ collection: 'sessions', versionKey: false })
export class Session {
  /** SHA-256 of the cookie value. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  accountId!: string;

  /** The network the console is working in; switched explicitly, and only to one the account holds a role in. */
  @Prop({ required: true })
  networkId!: string;

  /** Sent back in the x-csrf-token header on every state-changing request made with this cookie. */
  @Prop({ required: true })
  csrfToken!: string;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true, index: true })
  expiresAt!: Date;

  @Prop({ type: String, default: null })
  ip!: string | null;
}

export const SessionSchema = SchemaFactory.createForClass(Session);

/** One failed sign-in; counted per (account, IP) and per IP within a sliding window. */
@Schema({ collection: 'sign_in_failures', versionKey: false })
export class SignInFailure {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  email!: string;

  @Prop({ required: true })
  ip!: string;

  @Prop({ required: true })
  at!: Date;
}

export const SignInFailureSchema = SchemaFactory.createForClass(SignInFailure);
SignInFailureSchema.index({ email: 1, ip: 1, at: 1 });
SignInFailureSchema.index({ ip: 1, at: 1 });
