/** A "?" beside a name that shows the name's description on hover or focus (see .sp-tip in public.css). */
export function DescriptionTip({ id, name, text }: { id: string; name: string; text: string }) {
  return (
    <span className="sp-help-wrap">
      <button type="button" aria-describedby={id} className="sp-help">
        <span aria-hidden="true">?</span>
        <span className="sr-only">About {name}</span>
      </button>
      <span role="tooltip" id={id} className="sp-tip">
        {text}
      </span>
    </span>
  );
}
