/**
 * The design system (README "Design system"). Pages compose these and the tokens in styles/_tokens.scss;
 * they do not restyle them. Domain widgets (the member card, a coupon ticket) live in src/components and are
 * built from these too.
 */
export { Button, type ButtonProps, type ButtonVariant } from './Button';
export { Card } from './Card';
export { Cell, CellGroup } from './Cell';
export { ConfirmSheet, type ConfirmRow } from './Sheet/ConfirmSheet';
export { Dialog } from './Dialog';
export { Field, InputField } from './Field';
export { Icon, type IconName } from './Icon';
export { noOrphan, splitTail } from './NoOrphan';
export { Notice } from './Notice';
export { Page, Section } from './Page';
export { Segmented } from './Segmented';
export { Sheet } from './Sheet';
export { Stat, StatRow } from './Stat';
export { Empty, ErrorState, Loading, QueryView, type Query } from './State';
export { Stepper } from './Stepper';
export { Tag, type Tone } from './Tag';
export { toast } from './toast';
export { LineChart, type ChartSeries } from './Chart';
