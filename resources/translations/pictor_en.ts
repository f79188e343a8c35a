<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <source>The prompt is empty.</source>
        <translation>The prompt is empty.</translation>
    </message>
    <message>
        <source>An empty prompt between separators (&apos;||&apos; or a trailing &apos;|&apos;).</source>
        <translation>An empty prompt between separators (&apos;||&apos; or a trailing &apos;|&apos;).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has weight 0 and does nothing.</source>
        <translation>&apos;%1&apos; has weight 0 and does nothing.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an extreme weight (%2).</source>
        <translation>&apos;%1&apos; has an extreme weight (%2).</translation>
    </message>
    <message>
        <source>A prompt longer than about 75 words (or about 75 Hangul syllables) is cut to CLIP&apos;s 77 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pictor::ui::CreatePanel</name>
    <message>
        <source>&lt;b&gt;Prompt&lt;/b&gt;</source>
        <translation>&lt;b&gt;Prompt&lt;/b&gt;</translation>
    </message>
    <message>
        <source>blurry, text, watermark</source>
        <translation>blurry, text, watermark</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>Negative prompt</translation>
    </message>
    <message>
        <source>Things the picture should not look like (comma-separated); each is added with weight -1.</source>
        <translation>Things the picture should not look like (comma-separated); each is added with weight -1.</translation>
    </message>
    <message>
        <source>Avoid</source>
        <translation>Avoid</translation>
    </message>
    <message>
        <source>Prompt history</source>
        <translation>Prompt history</translation>
    </message>
    <message>
        <source>Prompts you used before; type to search, pick one to put it in the prompt box.</source>
        <translation>Prompts you used before; type to search, pick one to put it in the prompt box.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Drop a picture here or on the preview</source>
        <translation>Drop a picture here or on the preview</translation>
    </message>
    <message>
        <source>Init image</source>
        <translation>Init image</translation>
    </message>
    <message>
        <source>Start from this picture instead of random codes.</source>
        <translation>Start from this picture instead of random codes.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Image prompts</source>
        <translation>Image prompts</translation>
    </message>
    <message>
        <source>Pictures to steer towards. Add with the button; Delete removes the selected one.</source>
        <translation>Pictures to steer towards. Add with the button; Delete removes the selected one.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Image prompt</source>
        <translation>Image prompt</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <source>Draft is quick, Best takes longest; your own presets follow.</source>
        <translation>Draft is quick, Best takes longest; your own presets follow.</translation>
    </message>
    <message>
        <source>Save preset…</source>
        <translation>Save preset…</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Save preset</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Error message</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Step, loss, speed and time left</source>
        <translation>Step, loss, speed and time left</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start generating (Ctrl+Enter)</source>
        <translation>Start generating (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause or resume (Ctrl+P); a paused run keeps everything</source>
        <translation>Pause or resume (Ctrl+P); a paused run keeps everything</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop and keep the current picture (Esc)</source>
        <translation>Stop and keep the current picture (Esc)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Run again starting from the picture on screen, with the settings as they are now</source>
        <translation>Run again starting from the picture on screen, with the settings as they are now</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>Save the picture with its settings embedded (Ctrl+S)</source>
        <translation>Save the picture with its settings embedded (Ctrl+S)</translation>
    </message>
    <message>
        <source>Recent runs</source>
        <translation>Recent runs</translation>
    </message>
    <message>
        <source>Recent pictures; click one to bring back the picture and its settings.</source>
        <translation>Recent pictures; click one to bring back the picture and its settings.</translation>
    </message>
    <message>
        <source>Best of %1: candidate %2 (seed %3) scored %4</source>
        <translation>Best of %1: candidate %2 (seed %3) scored %4</translation>
    </message>
    <message>
        <source>Type a prompt first (or add an image prompt).</source>
        <translation>Type a prompt first (or add an image prompt).</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Step %1</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <source> · loss %1 · %2 s/step · %3 left</source>
        <translation> · loss %1 · %2 s/step · %3 left</translation>
    </message>
    <message>
        <source>%1% · step %2/%3 · %4 left</source>
        <translation>%1% · step %2/%3 · %4 left</translation>
    </message>
    <message>
        <source> · loss %1 · %2 s/step · running until stopped</source>
        <translation> · loss %1 · %2 s/step · running until stopped</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>step %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Loading the models…</source>
        <translation>Loading the models…</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation type="vanished"> · paused</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source> · CLIP similarity %1</source>
        <translation> · CLIP similarity %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Could not auto-save: %1</source>
        <translation>Could not auto-save: %1</translation>
    </message>
    <message>
        <source>There is no picture to save yet.</source>
        <translation>There is no picture to save yet.</translation>
    </message>
    <message>
        <source>Save picture</source>
        <translation>Save picture</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <source>No frames recorded yet: run a generation first.</source>
        <translation>No frames recorded yet: run a generation first.</translation>
    </message>
    <message>
        <source>Export time-lapse</source>
        <translation>Export time-lapse</translation>
    </message>
    <message>
        <source>Video (*.mp4 *.avi)</source>
        <translation>Video (*.mp4 *.avi)</translation>
    </message>
    <message>
        <source>Time-lapse written: %1 (%2)</source>
        <translation>Time-lapse written: %1 (%2)</translation>
    </message>
    <message>
        <source>Init image: %1</source>
        <translation>Init image: %1</translation>
    </message>
    <message>
        <source>Pictor picture</source>
        <translation>Pictor picture</translation>
    </message>
    <message>
        <source>This picture was made by Pictor. What should I do with it?</source>
        <translation>This picture was made by Pictor. What should I do with it?</translation>
    </message>
    <message>
        <source>Load its settings</source>
        <translation>Load its settings</translation>
    </message>
    <message>
        <source>Use as init image</source>
        <translation>Use as init image</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Both</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has settings Pictor cannot read: %2</source>
        <translation>&apos;%1&apos; has settings Pictor cannot read: %2</translation>
    </message>
    <message>
        <source>The starting picture · the first step is on its way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the models… (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · loss %1 · %2 s/step · paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused · step %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused · step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished">Paused</translation>
    </message>
</context>
<context>
    <name>pictor::ui::DemoModelBar</name>
    <message>
        <source>About the demo model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get the recommended models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get the Korean (multilingual) models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <source>Hide this bar (Models ▸ Manage Models has the same models)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo model draws plain shapes in eight colours on plain backgrounds — try “a red circle on a blue background” or “파란 배경의 노란 별”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For pictures of anything, get the recommended models: %1 (%2 in all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 in all): prompts and searches in Korean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 (%2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 · %4 MiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. The part downloaded is kept: press the button again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — press the button again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed and in use: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download %1? This is about %2 and goes to %3.</source>
        <translation type="unfinished">Download %1? This is about %2 and goes to %3.</translation>
    </message>
    <message>
        <source>Not downloaded: this computer seems to be offline (%1 cannot be reached). Connect and press the button again, or import files fetched elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pictor::ui::DrawerPanel</name>
    <message>
        <source>Drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the optimiser changes. VQGAN: a VQGAN latent (needs a VQGAN model). Pixel art: a grid of one-colour cells. Strokes: coloured curves. Image: the picture itself. All but VQGAN need only a CLIP model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VQGAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixel art</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strokes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A VQGAN latent, as in VQGAN+CLIP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells across. The picture is rounded down to whole cells.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit the cells to these colours (also what the palette loss pulls toward).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex colours separated by commas or spaces, e.g. #ff004d, #29adff, #fff1e8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palette colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The palette&apos;s colours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many curves make the picture. More draws more detail, more slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stroke width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting width of each curve; the run may change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"> px</translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished">Width</translation>
    </message>
    <message>
        <source>Stroke style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour: coloured curves on a coloured ground. Line: black lines on white, a sketch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fourier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the picture&apos;s frequencies rather than its pixels: smoother, larger shapes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seamless tile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture wraps around: it repeats without a visible seam, as wallpaper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview 3×3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview tiled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the picture tiled 3×3 to check the seams.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which CLIP models judge each step. Several judge better pictures, each one more slowly. Offered from the models installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symmetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pull the picture toward its left-right mirror image (0: off). Applies while running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palette pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pull every colour toward the nearest palette colour (choose a palette first; 0: off). Applies while running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right: more colourful; left: greyer (0: off). Applies while running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain border</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the border plain, one colour, so the subject stays inside (0: off). Applies while running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft: the chosen CLIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Better: + ViT-B/16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best: + ViT-B/16 + RN50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install %1 in Models to use this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the grid to the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Square cells that divide the picture, about a sixteenth of its shorter side (64 × 64: 16 × 16 cells of 4 px).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells of %1 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells of %1 × %2 px (not square)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the picture will be %1 × %2, not %3 × %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pictor::ui::GalleryController</name>
    <message>
        <source>No CLIP model chosen (Models ▸ Choose Models).</source>
        <translation>No CLIP model chosen (Models ▸ Choose Models).</translation>
    </message>
    <message>
        <source>%1 new, %2 updated, %3 unchanged, %4 moved, %5 removed, %6 failed</source>
        <translation>%1 new, %2 updated, %3 unchanged, %4 moved, %5 removed, %6 failed</translation>
    </message>
    <message>
        <source>Indexing failed</source>
        <translation>Indexing failed</translation>
    </message>
    <message>
        <source>Nothing is indexed yet for this model: add a folder and index it.</source>
        <translation>Nothing is indexed yet for this model: add a folder and index it.</translation>
    </message>
    <message>
        <source>No picture matches “%1” well enough.</source>
        <translation>No picture matches “%1” well enough.</translation>
    </message>
</context>
<context>
    <name>pictor::ui::GalleryPanel</name>
    <message>
        <source>Library folders</source>
        <translation>Library folders</translation>
    </message>
    <message>
        <source>Folders whose pictures are indexed and searched (with their sub-folders).</source>
        <translation>Folders whose pictures are indexed and searched (with their sub-folders).</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Add a folder of pictures to the library</source>
        <translation>Add a folder of pictures to the library</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Stop searching the selected folder (its index entries stay until re-indexed)</source>
        <translation>Stop searching the selected folder (its index entries stay until re-indexed)</translation>
    </message>
    <message>
        <source>Index now</source>
        <translation>Index now</translation>
    </message>
    <message>
        <source>Embed new and changed pictures in the background (F5)</source>
        <translation>Embed new and changed pictures in the background (F5)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop indexing after the current batch; finished work is kept</source>
        <translation>Stop indexing after the current batch; finished work is kept</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>Indexing progress</translation>
    </message>
    <message>
        <source>Describe a picture, e.g. “a dog on a beach” — or &quot;a dog&quot; + &quot;sunset&quot; - &quot;people&quot;</source>
        <translation>Describe a picture, e.g. “a dog on a beach” — or &quot;a dog&quot; + &quot;sunset&quot; - &quot;people&quot;</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Text, a picture file, or terms joined with + and - (weights as 2:term). Enter searches.</source>
        <translation>Text, a picture file, or terms joined with + and - (weights as 2:term). Enter searches.</translation>
    </message>
    <message>
        <source>Folder filter</source>
        <translation>Folder filter</translation>
    </message>
    <message>
        <source>Only pictures under this folder</source>
        <translation>Only pictures under this folder</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>File type filter</source>
        <translation>File type filter</translation>
    </message>
    <message>
        <source>Most relevant</source>
        <translation>Most relevant</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Oldest first</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>Sort order</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>auto-tag</source>
        <translation>auto-tag</translation>
    </message>
    <message>
        <source>Only pictures with this auto-tag (pictor-cli tag)</source>
        <translation>Only pictures with this auto-tag (pictor-cli tag)</translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation>Tag filter</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Type a description and press Enter.</source>
        <translation>Type a description and press Enter.</translation>
    </message>
    <message>
        <source>Selected picture</source>
        <translation>Selected picture</translation>
    </message>
    <message>
        <source>Find similar</source>
        <translation>Find similar</translation>
    </message>
    <message>
        <source>Search for pictures like this one</source>
        <translation>Search for pictures like this one</translation>
    </message>
    <message>
        <source>Use as init image</source>
        <translation>Use as init image</translation>
    </message>
    <message>
        <source>Start a new picture in Create from this one</source>
        <translation>Start a new picture in Create from this one</translation>
    </message>
    <message>
        <source>Use as image prompt</source>
        <translation>Use as image prompt</translation>
    </message>
    <message>
        <source>Add this picture to Create&apos;s prompts</source>
        <translation>Add this picture to Create&apos;s prompts</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open in the system&apos;s viewer</source>
        <translation>Open in the system&apos;s viewer</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>Open the folder that holds it</source>
        <translation>Open the folder that holds it</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copy path</translation>
    </message>
    <message>
        <source>Copy the file&apos;s path to the clipboard</source>
        <translation>Copy the file&apos;s path to the clipboard</translation>
    </message>
    <message>
        <source>Add a picture folder</source>
        <translation>Add a picture folder</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>All folders</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s)</source>
        <translation>
            <numerusform>%n picture</numerusform>
            <numerusform>%n pictures</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a folder first.</source>
        <translation>Add a folder first.</translation>
    </message>
    <message>
        <source>Looking for new and changed pictures…</source>
        <translation>Looking for new and changed pictures…</translation>
    </message>
    <message>
        <source>%1 of %2 pictures · %3/s · about %4 s left</source>
        <translation>%1 of %2 pictures · %3/s · about %4 s left</translation>
    </message>
    <message>
        <source>Stopped: </source>
        <translation>Stopped: </translation>
    </message>
    <message>
        <source>Indexed: </source>
        <translation>Indexed: </translation>
    </message>
    <message>
        <source>Indexing stopped</source>
        <translation>Indexing stopped</translation>
    </message>
    <message>
        <source>Indexing finished</source>
        <translation>Indexing finished</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 × %3 · %4&lt;br&gt;score %5&lt;br&gt;&lt;small&gt;%6&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 × %3 · %4&lt;br&gt;score %5&lt;br&gt;&lt;small&gt;%6&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Re-index with this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embed every picture of the library folders again with the CLIP model chosen now, so that it can search them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 will be indexed when the current pass ends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pictor::ui::GalleryResultsModel</name>
    <message>
        <source>Score %1 · %2 · %3×%4
%5</source>
        <translation>Score %1 · %2 · %3×%4
%5</translation>
    </message>
    <message>
        <source>%1, score %2</source>
        <translation>%1, score %2</translation>
    </message>
</context>
<context>
    <name>pictor::ui::GenerationController</name>
    <message>
        <source>CLIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VQGAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checksums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VQGAN drawer needs a VQGAN model: choose one under Models, or draw with Pixel art, Strokes or Image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measuring this CPU&apos;s fastest kernels (once)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pictor::ui::MainWindow</name>
    <message>
        <source>Pictor</source>
        <translation>Pictor</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>Gallery</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>Workspaces</translation>
    </message>
    <message>
        <source>%1 — Pictor</source>
        <translation>%1 — Pictor</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>No model</translation>
    </message>
    <message>
        <source>No model found. Put OpenAI CLIP and taming VQGAN files in a folder and choose them under Models.</source>
        <translation>No model found. Put OpenAI CLIP and taming VQGAN files in a folder and choose them under Models.</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Model: %1</translation>
    </message>
    <message>
        <source>CLIP: %1
VQGAN: %2
For better pictures use the published models: OpenAI CLIP ViT-B/32 (ViT-B-32.pt with bpe_simple_vocab_16e6.txt.gz) and taming&apos;s vqgan_imagenet_f16_16384 (last.ckpt + model.yaml); choose them with Models ▸ Choose models.</source>
        <translation>CLIP: %1
VQGAN: %2
For better pictures use the published models: OpenAI CLIP ViT-B/32 (ViT-B-32.pt with bpe_simple_vocab_16e6.txt.gz) and taming&apos;s vqgan_imagenet_f16_16384 (last.ckpt + model.yaml); choose them with Models ▸ Choose models.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open Picture…</source>
        <translation>&amp;Open Picture…</translation>
    </message>
    <message>
        <source>Open a picture: Pictor pictures bring their settings back</source>
        <translation>Open a picture: Pictor pictures bring their settings back</translation>
    </message>
    <message>
        <source>&amp;Save Picture…</source>
        <translation>&amp;Save Picture…</translation>
    </message>
    <message>
        <source>Export &amp;Time-lapse…</source>
        <translation>Export &amp;Time-lapse…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generate</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>&amp;Pause / Resume</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>&amp;Continue From Picture</source>
        <translation>&amp;Continue From Picture</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <source>&amp;Actual Pixels (1:1)</source>
        <translation>&amp;Actual Pixels (1:1)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>&amp;Fit to Window</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <source>Alt+1</source>
        <translation>Alt+1</translation>
    </message>
    <message>
        <source>&amp;Gallery</source>
        <translation>&amp;Gallery</translation>
    </message>
    <message>
        <source>Alt+2</source>
        <translation>Alt+2</translation>
    </message>
    <message>
        <source>&amp;Search the Gallery</source>
        <translation>&amp;Search the Gallery</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Models</translation>
    </message>
    <message>
        <source>&amp;Choose Models…</source>
        <translation>&amp;Choose Models…</translation>
    </message>
    <message>
        <source>CLIP model</source>
        <translation>CLIP model</translation>
    </message>
    <message>
        <source>Models (*.ckpt *.safetensors)</source>
        <translation>Models (*.ckpt *.safetensors)</translation>
    </message>
    <message>
        <source>Use the &amp;Demo Model</source>
        <translation>Use the &amp;Demo Model</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Keyboard Shortcuts</translation>
    </message>
    <message>
        <source>&amp;About Pictor</source>
        <translation>&amp;About Pictor</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Loading models</source>
        <translation>Loading models</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>Generating</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Stopping</translation>
    </message>
    <message>
        <source>CPU, %1 threads · %2</source>
        <translation type="vanished">CPU, %1 threads · %2</translation>
    </message>
    <message>
        <source>Open picture</source>
        <translation>Open picture</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Start&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Pause / resume&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Stop (keeps the picture)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Continue from the picture&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Save picture with settings&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open a picture (settings come back)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Export time-lapse&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl++ / Ctrl+-&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Zoom in / out&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 / Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Actual pixels / fit&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 / Alt+2&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Create / Gallery&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Gallery: search&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Gallery: index the library folders&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt; on a result&lt;/td&gt;&lt;td&gt;Gallery: find similar pictures&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Start&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Pause / resume&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Stop (keeps the picture)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Continue from the picture&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Save picture with settings&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open a picture (settings come back)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Export time-lapse&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl++ / Ctrl+-&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Zoom in / out&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 / Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Actual pixels / fit&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 / Alt+2&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Create / Gallery&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Gallery: search&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Gallery: index the library folders&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt; on a result&lt;/td&gt;&lt;td&gt;Gallery: find similar pictures&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About Pictor</source>
        <translation>About Pictor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pictor %1&lt;/h3&gt;&lt;p&gt;Pictures from words with VQGAN+CLIP, on your own computer.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 · OpenCV %4&lt;br&gt;BLAS: %5&lt;br&gt;Model: %6&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pictor %1&lt;/h3&gt;&lt;p&gt;Pictures from words with VQGAN+CLIP, on your own computer.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 · OpenCV %4&lt;br&gt;BLAS: %5&lt;br&gt;Model: %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>The language changes the next time Pictor starts.</source>
        <translation type="vanished">The language changes the next time Pictor starts.</translation>
    </message>
    <message>
        <source>&amp;Manage Models…</source>
        <translation>&amp;Manage Models…</translation>
    </message>
    <message>
        <source>Model: %1 + %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · understands Korean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models (*.pt *.pth *.bin *.ckpt *.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo model (plain shapes, colours and backgrounds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no VQGAN: pixel art, strokes and image drawers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VQGAN model (cancel for none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictor will speak %1 from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart now? Your settings, prompt and pictures are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A picture is being made: restart Pictor when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU, %1 threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pictor::ui::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Architecture and licence</source>
        <translation>Architecture and licence</translation>
    </message>
    <message>
        <source>Available and installed models</source>
        <translation>Available and installed models</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Fetch the selected model; an interrupted download resumes, and the file is checked before use</source>
        <translation>Fetch the selected model; an interrupted download resumes, and the file is checked before use</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Cancel download</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>Import file…</translation>
    </message>
    <message>
        <source>Use a model file you already have: it is recognised by its checksum and copied into place</source>
        <translation>Use a model file you already have: it is recognised by its checksum and copied into place</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Use as CLIP</source>
        <translation>Use as CLIP</translation>
    </message>
    <message>
        <source>Generate and search with this CLIP model</source>
        <translation>Generate and search with this CLIP model</translation>
    </message>
    <message>
        <source>Use as VQGAN</source>
        <translation>Use as VQGAN</translation>
    </message>
    <message>
        <source>Generate with this VQGAN</source>
        <translation>Generate with this VQGAN</translation>
    </message>
    <message>
        <source>Pictor never downloads anything unless you ask. Models go to %1.</source>
        <translation>Pictor never downloads anything unless you ask. Models go to %1.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Download %1? This is about %2 and goes to %3.</source>
        <translation>Download %1? This is about %2 and goes to %3.</translation>
    </message>
    <message>
        <source>Import a model file</source>
        <translation>Import a model file</translation>
    </message>
    <message>
        <source>Model files (*.pt *.ckpt *.yaml *.gz *.safetensors)</source>
        <translation>Model files (*.pt *.ckpt *.yaml *.gz *.safetensors)</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>Imported %1</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>bundled</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>installed</translation>
    </message>
    <message>
        <source>partly installed</source>
        <translation>partly installed</translation>
    </message>
    <message>
        <source> (recommended)</source>
        <translation> (recommended)</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Downloading %1…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 · %4 MiB/s · %5 left</source>
        <translation>%1: %2 of %3 · %4 MiB/s · %5 left</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>unknown time</translation>
    </message>
    <message>
        <source>%1 is installed.</source>
        <translation>%1 is installed.</translation>
    </message>
    <message>
        <source>Download or import %1 first.</source>
        <translation>Download or import %1 first.</translation>
    </message>
    <message>
        <source>%1 is not a CLIP model.</source>
        <translation>%1 is not a CLIP model.</translation>
    </message>
    <message>
        <source>%1 is not a VQGAN model.</source>
        <translation>%1 is not a VQGAN model.</translation>
    </message>
    <message>
        <source>%1 also needs %2: download it too.</source>
        <translation>%1 also needs %2: download it too.</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>downloading</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <source> · understands Korean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not downloaded: this computer seems to be offline (%2 cannot be reached).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pictor::ui::OfflineHelp</name>
    <message>
        <source>No connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer seems to be offline: %1 cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · SHA-256 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the internet and try again: what was downloaded is kept. Or download the files on another computer and bring them in with Import file…; Pictor recognises them by their checksum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation type="unfinished">Import file…</translation>
    </message>
    <message>
        <source>Import model files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model files (*.pt *.ckpt *.yaml *.gz *.safetensors *.model *.bin);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation type="unfinished">Imported %1</translation>
    </message>
</context>
<context>
    <name>pictor::ui::PreviewView</name>
    <message>
        <source>Picture preview</source>
        <translation>Picture preview</translation>
    </message>
    <message>
        <source>The picture as it evolves. Wheel to zoom, drag to pan; drop a picture here to start from it.</source>
        <translation>The picture as it evolves. Wheel to zoom, drag to pan; drop a picture here to start from it.</translation>
    </message>
    <message>
        <source>Type a prompt and press Ctrl+Enter.
The picture appears here as it evolves.</source>
        <translation>Type a prompt and press Ctrl+Enter.
The picture appears here as it evolves.</translation>
    </message>
</context>
<context>
    <name>pictor::ui::PromptEditor</name>
    <message>
        <source>a watercolour lighthouse at sunset | trending on artstation:0.5 | blurry:-1</source>
        <translation>a watercolour lighthouse at sunset | trending on artstation:0.5 | blurry:-1</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Describe the picture. Several prompts: separate with |. Weight: text:2 (negative pushes away). Story: phrases separated by ^ change every N steps. Ctrl+Enter starts.</source>
        <translation>Describe the picture. Several prompts: separate with |. Weight: text:2 (negative pushes away). Story: phrases separated by ^ change every N steps. Ctrl+Enter starts.</translation>
    </message>
    <message>
        <source>The demo model has not learned &apos;%1&apos;: it knows plain shapes, colours and backgrounds. For everything else use a published model (Models ▸ Manage Models).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pictor::ui::SettingsPanel</name>
    <message>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Width</translation>
    </message>
    <message>
        <source>Width in pixels; rounded down to the VQGAN&apos;s cell size (8 or 16 px). Larger is slower.</source>
        <translation>Width in pixels; rounded down to the VQGAN&apos;s cell size (8 or 16 px). Larger is slower.</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Height</translation>
    </message>
    <message>
        <source>Height in pixels; rounded down to the VQGAN&apos;s cell size.</source>
        <translation>Height in pixels; rounded down to the VQGAN&apos;s cell size.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>How many optimisation steps. 0 runs until you press Stop.</source>
        <translation>How many optimisation steps. 0 runs until you press Stop.</translation>
    </message>
    <message>
        <source>Until stopped</source>
        <translation>Until stopped</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>The random seed: the same seed and settings give the same picture.</source>
        <translation>The random seed: the same seed and settings give the same picture.</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Lock seed</source>
        <translation>Lock seed</translation>
    </message>
    <message>
        <source>Keep this seed for the next run; unlocked, every run picks a new one.</source>
        <translation>Keep this seed for the next run; unlocked, every run picks a new one.</translation>
    </message>
    <message>
        <source>Randomise</source>
        <translation>Randomise</translation>
    </message>
    <message>
        <source>Randomise seed</source>
        <translation>Randomise seed</translation>
    </message>
    <message>
        <source>Pick a new random seed now.</source>
        <translation>Pick a new random seed now.</translation>
    </message>
    <message>
        <source>Best of</source>
        <translation>Best of</translation>
    </message>
    <message>
        <source>Try this many seeds for a few steps first and continue the one CLIP scores highest (1: off).</source>
        <translation>Try this many seeds for a few steps first and continue the one CLIP scores highest (1: off).</translation>
    </message>
    <message>
        <source>Trial steps</source>
        <translation>Trial steps</translation>
    </message>
    <message>
        <source>Steps each Best-of-N candidate runs before they are compared.</source>
        <translation>Steps each Best-of-N candidate runs before they are compared.</translation>
    </message>
    <message>
        <source> steps each</source>
        <translation> steps each</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimisation</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>Step size. Higher changes the picture faster but less carefully. Applies while running.</source>
        <translation>Step size. Higher changes the picture faster but less carefully. Applies while running.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimizer</translation>
    </message>
    <message>
        <source>The optimiser moving the VQGAN latent. Adam is the reference&apos;s default.</source>
        <translation>The optimiser moving the VQGAN latent. Adam is the reference&apos;s default.</translation>
    </message>
    <message>
        <source>Init weight</source>
        <translation>Init weight</translation>
    </message>
    <message>
        <source>How strongly to stay close to the init image (0: free).</source>
        <translation>How strongly to stay close to the init image (0: free).</translation>
    </message>
    <message>
        <source>Story every</source>
        <translation>Story every</translation>
    </message>
    <message>
        <source>With phrases separated by ^ in the prompt: move to the next phrase every N steps (0: off).</source>
        <translation>With phrases separated by ^ in the prompt: move to the next phrase every N steps (0: off).</translation>
    </message>
    <message>
        <source>Use bf16 where the CPU supports it</source>
        <translation>Use bf16 where the CPU supports it</translation>
    </message>
    <message>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <source>About twice as fast on CPUs with bf16 instructions, with a tiny change in the numbers.</source>
        <translation>About twice as fast on CPUs with bf16 instructions, with a tiny change in the numbers.</translation>
    </message>
    <message>
        <source>Cutouts</source>
        <translation>Cutouts</translation>
    </message>
    <message>
        <source>How many views of the picture CLIP judges each step. More is steadier and slower. Applies while running.</source>
        <translation>How many views of the picture CLIP judges each step. More is steadier and slower. Applies while running.</translation>
    </message>
    <message>
        <source>Cut method</source>
        <translation>Cut method</translation>
    </message>
    <message>
        <source>latest: the whole picture with augmentations (default). original: random crops (the first notebook).</source>
        <translation>latest: the whole picture with augmentations (default). original: random crops (the first notebook).</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Cut power</source>
        <translation>Cut power</translation>
    </message>
    <message>
        <source>For random crops: above 1 favours small crops, below 1 large ones.</source>
        <translation>For random crops: above 1 favours small crops, below 1 large ones.</translation>
    </message>
    <message>
        <source>Affine: rotate, shift, shear</source>
        <translation>Affine: rotate, shift, shear</translation>
    </message>
    <message>
        <source>Perspective</source>
        <translation>Perspective</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>Rotation</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>Horizontal flip</translation>
    </message>
    <message>
        <source>Colour jitter</source>
        <translation>Colour jitter</translation>
    </message>
    <message>
        <source>Erasing: blank a patch</source>
        <translation>Erasing: blank a patch</translation>
    </message>
    <message>
        <source>Gaussian noise</source>
        <translation>Gaussian noise</translation>
    </message>
    <message>
        <source>Augment</source>
        <translation>Augment</translation>
    </message>
    <message>
        <source>Smoothness</source>
        <translation>Smoothness</translation>
    </message>
    <message>
        <source>Penalise busy pictures: higher gives fewer, larger shapes (0: off).</source>
        <translation>Penalise busy pictures: higher gives fewer, larger shapes (0: off).</translation>
    </message>
    <message>
        <source>Coarse steps</source>
        <translation>Coarse steps</translation>
    </message>
    <message>
        <source>Shape a half-resolution picture for the first N steps, then refine it at full size (0: off).</source>
        <translation>Shape a half-resolution picture for the first N steps, then refine it at full size (0: off).</translation>
    </message>
    <message>
        <source>Coarse levels</source>
        <translation>Coarse levels</translation>
    </message>
    <message>
        <source>How many times the coarse stage halves the picture&apos;s grid: 2 lays out a quarter-resolution picture, then a half-resolution one, each for half the coarse steps.</source>
        <translation>How many times the coarse stage halves the picture&apos;s grid: 2 lays out a quarter-resolution picture, then a half-resolution one, each for half the coarse steps.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>What the run starts from when there is no init image. One shape: a plain disc, square, triangle, star or ring in the outline and colours CLIP picks for the prompt, refined by the run instead of a collage carved from random codes.</source>
        <translation>What the run starts from when there is no init image. One shape: a plain disc, square, triangle, star or ring in the outline and colours CLIP picks for the prompt, refined by the run instead of a collage carved from random codes.</translation>
    </message>
    <message>
        <source>Random codes</source>
        <translation>Random codes</translation>
    </message>
    <message>
        <source>Pixel noise</source>
        <translation>Pixel noise</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>Gradient</translation>
    </message>
    <message>
        <source>One shape</source>
        <translation>One shape</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where runs compute. Automatic takes the first NVIDIA GPU when Pictor was built with CUDA and sees one, else the CPU; the status bar says which device a run uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1 (%2, %3 GiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settle at step</source>
        <translation>Settle at step</translation>
    </message>
    <message>
        <source>At this step the picture settles into one shape: where its main colour lies, CLIP picks one plain outline and both colours, and the rest of the run refines it (0: off).</source>
        <translation>At this step the picture settles into one shape: where its main colour lies, CLIP picks one plain outline and both colours, and the rest of the run refines it (0: off).</translation>
    </message>
</context>
</TS>
