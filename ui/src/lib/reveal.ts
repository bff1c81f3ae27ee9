// A confirmation that appears away from the button that asked for it:
// brought into view, and the keyboard taken to it (to the button marked
// `data-autofocus`, else its first), so that Tab and Enter act on it.
export function reveal(node: HTMLElement): void {
  node.scrollIntoView?.({ block: 'center' });
  (node.querySelector<HTMLElement>('[data-autofocus]') ?? node.querySelector('button'))?.focus();
}
