import { z } from 'zod';
import { defineFunction } from './define';
import {
  MemberCardView,
  MemberCenterView,
  PrivacyPolicyView,
  RegisterInput,
  UpdateProfileInput,
} from '../member/member.schema';
import { MemberCodeView } from '../member/member-code.schema';
import { HomeView } from '../member/home.schema';
import { CloseAccountInput, CloseAccountView, ExportDataInput, ExportView, PrivacyStatusView, WithdrawConsentView } from '../privacy/privacy.schema';

export const memberContract = defineFunction({
  name: 'member',
  summary: 'Registration, the member center and the membership card.',
  actions: {
    privacyPolicy: {
      summary: 'The privacy policy in force; registration must consent to this version.',
      access: 'visitor',
      input: z.object({}),
      output: PrivacyPolicyView,
      errors: [],
    },
    home: {
      summary: "The home page's view of the caller: a visitor, a member (tier, points, today's check-in), staff or an operator.",
      access: 'visitor',
      input: z.object({}),
      output: HomeView,
      errors: [],
    },
    register: {
      summary: 'Registers the caller as a member after consent to the current privacy policy.',
      access: 'visitor',
      input: RegisterInput,
      output: MemberCenterView,
      idempotency: 'natural key: the caller (one member per openid); a repeat returns the existing member unchanged',
      errors: ['INVALID_INPUT', 'CONSENT_REQUIRED', 'CONTENT_REJECTED', 'BUSY'],
    },
    center: {
      summary: "The caller's member center: tier, growth and progress, points, benefits.",
      access: 'member',
      input: z.object({}),
      output: MemberCenterView,
      errors: ['NOT_REGISTERED'],
    },
    card: {
      summary: "The caller's membership card face.",
      access: 'member',
      input: z.object({}),
      output: MemberCardView,
      errors: ['NOT_REGISTERED'],
    },
    code: {
      summary: 'A fresh dynamic member code for the card (refresh every 30 s; valid 60 s; accepted once).',
      access: 'member',
      input: z.object({}),
      output: MemberCodeView,
      errors: ['NOT_REGISTERED'],
    },
    updateProfile: {
      summary: 'Changes nickname or avatar; sets the birthday once (later changes only by staff).',
      access: 'member',
      input: UpdateProfileInput,
      output: MemberCenterView,
      idempotency: 'sets values, so a repeat writes the same values',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'BIRTHDAY_LOCKED', 'CONTENT_REJECTED', 'BUSY'],
    },
    privacyStatus: {
      summary: "The caller's data-rights page: exports, a pending account closing, message subscriptions, what is held.",
      access: 'member',
      input: z.object({}),
      output: PrivacyStatusView,
      errors: ['NOT_REGISTERED'],
    },
    exportData: {
      summary: 'Everything held about the caller as one JSON file in cloud storage (by the privacy job when large).',
      access: 'member',
      input: ExportDataInput,
      output: ExportView,
      idempotency: 'requestId (privacy_requests id)',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'BUSY'],
    },
    closeAccount: {
      summary: 'Closes the account: personal data erased or anonymised after a grace period (undo until then); messages stop at once.',
      access: 'member',
      input: CloseAccountInput,
      output: CloseAccountView,
      idempotency: 'natural key (privacy_requests/close:openid)',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'BUSY'],
    },
    cancelClose: {
      summary: 'Undoes an account closing within the grace period.',
      access: 'member',
      input: z.object({}),
      output: PrivacyStatusView,
      errors: ['NOT_REGISTERED', 'CLOSE_NOT_UNDOABLE'],
    },
    withdrawConsent: {
      summary: 'Withdraws consent to messages: removes every message subscription and cancels queued messages at once.',
      access: 'member',
      input: z.object({}),
      output: WithdrawConsentView,
      errors: ['NOT_REGISTERED'],
    },
  },
  timers: {
    daily: { summary: 'Tier review: recomputes rolling growth and lowers tiers below the keep threshold (hysteresis), page by page within the time limit.' },
  },
});
