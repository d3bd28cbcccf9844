export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
