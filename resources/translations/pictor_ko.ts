<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>QObject</name>
    <message>
        <source>The prompt is empty.</source>
        <translation>프롬프트가 비어 있습니다.</translation>
    </message>
    <message>
        <source>An empty prompt between separators (&apos;||&apos; or a trailing &apos;|&apos;).</source>
        <translation>구분자 사이에 빈 프롬프트가 있습니다(&apos;||&apos; 또는 끝의 &apos;|&apos;).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has weight 0 and does nothing.</source>
        <translation>&apos;%1&apos;의 가중치가 0이라 아무 효과가 없습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an extreme weight (%2).</source>
        <translation>&apos;%1&apos;의 가중치가 너무 큽니다(%2).</translation>
    </message>
    <message>
        <source>A prompt longer than about 75 words (or about 75 Hangul syllables) is cut to CLIP&apos;s 77 tokens.</source>
        <translation>약 75단어(한글 약 75음절)보다 긴 프롬프트는 CLIP의 77토큰으로 잘립니다.</translation>
    </message>
</context>
<context>
    <name>pictor::ui::CreatePanel</name>
    <message>
        <source>&lt;b&gt;Prompt&lt;/b&gt;</source>
        <translation>&lt;b&gt;프롬프트&lt;/b&gt;</translation>
    </message>
    <message>
        <source>blurry, text, watermark</source>
        <translation>흐림, 글자, 워터마크</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>네거티브 프롬프트</translation>
    </message>
    <message>
        <source>Things the picture should not look like (comma-separated); each is added with weight -1.</source>
        <translation>그림이 닮지 않아야 할 것(쉼표로 구분). 각각 가중치 -1로 더해집니다.</translation>
    </message>
    <message>
        <source>Avoid</source>
        <translation>피할 것</translation>
    </message>
    <message>
        <source>Prompt history</source>
        <translation>프롬프트 기록</translation>
    </message>
    <message>
        <source>Prompts you used before; type to search, pick one to put it in the prompt box.</source>
        <translation>이전에 쓴 프롬프트. 입력해서 찾고, 하나를 고르면 프롬프트 칸에 들어갑니다.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Drop a picture here or on the preview</source>
        <translation>여기나 미리보기에 그림을 끌어다 놓으세요</translation>
    </message>
    <message>
        <source>Init image</source>
        <translation>시작 그림</translation>
    </message>
    <message>
        <source>Start from this picture instead of random codes.</source>
        <translation>무작위 코드 대신 이 그림에서 시작합니다.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Image prompts</source>
        <translation>이미지 프롬프트</translation>
    </message>
    <message>
        <source>Pictures to steer towards. Add with the button; Delete removes the selected one.</source>
        <translation>그림이 닮아 갈 대상. 버튼으로 추가하고 Delete로 선택한 항목을 지웁니다.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <source>Image prompt</source>
        <translation>이미지 프롬프트</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>Draft is quick, Best takes longest; your own presets follow.</source>
        <translation>초안은 빠르고 최고는 가장 오래 걸립니다. 직접 만든 프리셋이 뒤에 이어집니다.</translation>
    </message>
    <message>
        <source>Save preset…</source>
        <translation>프리셋 저장…</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>프리셋 저장</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>오류 메시지</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비됨</translation>
    </message>
    <message>
        <source>Step, loss, speed and time left</source>
        <translation>단계, 손실, 속도, 남은 시간</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Start generating (Ctrl+Enter)</source>
        <translation>생성 시작(Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Pause or resume (Ctrl+P); a paused run keeps everything</source>
        <translation>일시 정지 또는 계속(Ctrl+P). 멈춘 실행은 모든 상태를 유지합니다</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Stop and keep the current picture (Esc)</source>
        <translation>멈추고 현재 그림 유지(Esc)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>이어 하기</translation>
    </message>
    <message>
        <source>Run again starting from the picture on screen, with the settings as they are now</source>
        <translation>화면의 그림에서 지금 설정으로 다시 실행</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>Save the picture with its settings embedded (Ctrl+S)</source>
        <translation>설정을 담아 그림 저장(Ctrl+S)</translation>
    </message>
    <message>
        <source>Recent runs</source>
        <translation>최근 실행</translation>
    </message>
    <message>
        <source>Recent pictures; click one to bring back the picture and its settings.</source>
        <translation>최근 그림. 누르면 그림과 설정이 돌아옵니다.</translation>
    </message>
    <message>
        <source>Best of %1: candidate %2 (seed %3) scored %4</source>
        <translation>%1개 중 최고 선택: 후보 %2(시드 %3) 점수 %4</translation>
    </message>
    <message>
        <source>Type a prompt first (or add an image prompt).</source>
        <translation>먼저 프롬프트를 입력하세요(또는 이미지 프롬프트를 추가하세요).</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>%1단계</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>%2단계 중 %1단계</translation>
    </message>
    <message>
        <source> · loss %1 · %2 s/step · %3 left</source>
        <translation> · 손실 %1 · 단계당 %2초 · %3 남음</translation>
    </message>
    <message>
        <source>%1% · step %2/%3 · %4 left</source>
        <translation>%1% · %2/%3 단계 · %4 남음</translation>
    </message>
    <message>
        <source> · loss %1 · %2 s/step · running until stopped</source>
        <translation> · 손실 %1 · 단계당 %2초 · 멈출 때까지 실행</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>%1단계</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Loading the models…</source>
        <translation>모델을 불러오는 중…</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation type="vanished"> · 일시 정지됨</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source> · CLIP similarity %1</source>
        <translation> · CLIP 유사도 %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 저장함</translation>
    </message>
    <message>
        <source>Could not auto-save: %1</source>
        <translation>자동 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>There is no picture to save yet.</source>
        <translation>아직 저장할 그림이 없습니다.</translation>
    </message>
    <message>
        <source>Save picture</source>
        <translation>그림 저장</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>No frames recorded yet: run a generation first.</source>
        <translation>아직 기록된 프레임이 없습니다. 먼저 생성을 실행하세요.</translation>
    </message>
    <message>
        <source>Export time-lapse</source>
        <translation>타임랩스 내보내기</translation>
    </message>
    <message>
        <source>Video (*.mp4 *.avi)</source>
        <translation>동영상 (*.mp4 *.avi)</translation>
    </message>
    <message>
        <source>Time-lapse written: %1 (%2)</source>
        <translation>타임랩스를 저장했습니다: %1 (%2)</translation>
    </message>
    <message>
        <source>Init image: %1</source>
        <translation>시작 그림: %1</translation>
    </message>
    <message>
        <source>Pictor picture</source>
        <translation>Pictor 그림</translation>
    </message>
    <message>
        <source>This picture was made by Pictor. What should I do with it?</source>
        <translation>이 그림은 Pictor로 만들었습니다. 어떻게 할까요?</translation>
    </message>
    <message>
        <source>Load its settings</source>
        <translation>설정 불러오기</translation>
    </message>
    <message>
        <source>Use as init image</source>
        <translation>시작 그림으로 사용</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>둘 다</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has settings Pictor cannot read: %2</source>
        <translation>&apos;%1&apos;에 Pictor가 읽을 수 없는 설정이 있습니다: %2</translation>
    </message>
    <message>
        <source>The starting picture · the first step is on its way</source>
        <translation>시작 그림 · 첫 단계가 곧 나옵니다</translation>
    </message>
    <message>
        <source>Loading the models… (%1)</source>
        <translation>모델을 불러오는 중… (%1)</translation>
    </message>
    <message>
        <source> · loss %1 · %2 s/step · paused</source>
        <translation> · 손실 %1 · %2초/단계 · 일시 정지됨</translation>
    </message>
    <message>
        <source>Paused · step %1/%2</source>
        <translation>일시 정지됨 · %1/%2단계</translation>
    </message>
    <message>
        <source>Paused · step %1</source>
        <translation>일시 정지됨 · %1단계</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
</context>
<context>
    <name>pictor::ui::DemoModelBar</name>
    <message>
        <source>About the demo model</source>
        <translation>데모 모델 안내</translation>
    </message>
    <message>
        <source>Get the recommended models</source>
        <translation>권장 모델 받기</translation>
    </message>
    <message>
        <source>Get the Korean (multilingual) models</source>
        <translation>한국어(다국어) 모델 받기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Hide this bar (Models ▸ Manage Models has the same models)</source>
        <translation>이 막대 숨기기 (모델 ▸ 모델 관리에 같은 모델이 있습니다)</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>숨기기</translation>
    </message>
    <message>
        <source>The demo model draws plain shapes in eight colours on plain backgrounds — try “a red circle on a blue background” or “파란 배경의 노란 별”.</source>
        <translation>데모 모델은 단색 배경 위에 여덟 가지 색의 단순한 도형을 그립니다. “파란 배경의 노란 별”이나 “a red circle on a blue background”를 써 보세요.</translation>
    </message>
    <message>
        <source>For pictures of anything, get the recommended models: %1 (%2 in all).</source>
        <translation>무엇이든 그리려면 권장 모델을 받으세요: %1 (모두 %2).</translation>
    </message>
    <message>
        <source>%1 (%2 in all): prompts and searches in Korean</source>
        <translation>%1 (모두 %2): 한국어 프롬프트와 검색</translation>
    </message>
    <message>
        <source>Downloading %1 (%2)…</source>
        <translation>%1 내려받는 중 (%2)…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 · %4 MiB/s</source>
        <translation>%1: %2 / %3 · %4 MiB/s</translation>
    </message>
    <message>
        <source>Stopped. The part downloaded is kept: press the button again to continue.</source>
        <translation>멈췄습니다. 받은 부분은 남아 있으니 단추를 다시 누르면 이어 받습니다.</translation>
    </message>
    <message>
        <source>%1 — press the button again to continue.</source>
        <translation>%1 — 단추를 다시 누르면 이어 받습니다.</translation>
    </message>
    <message>
        <source>Installed and in use: %1.</source>
        <translation>설치되어 사용 중: %1.</translation>
    </message>
    <message>
        <source>Download %1? This is about %2 and goes to %3.</source>
        <translation>%1을(를) 내려받을까요? 약 %2이며 %3에 저장됩니다.</translation>
    </message>
    <message>
        <source>Not downloaded: this computer seems to be offline (%1 cannot be reached). Connect and press the button again, or import files fetched elsewhere.</source>
        <translation>내려받지 못했습니다. 이 컴퓨터가 오프라인인 것 같습니다(%1에 연결할 수 없음). 연결한 뒤 버튼을 다시 누르거나, 다른 곳에서 받은 파일을 가져오세요.</translation>
    </message>
</context>
<context>
    <name>pictor::ui::DrawerPanel</name>
    <message>
        <source>Drawer</source>
        <translation>그리기 방식</translation>
    </message>
    <message>
        <source>What the optimiser changes. VQGAN: a VQGAN latent (needs a VQGAN model). Pixel art: a grid of one-colour cells. Strokes: coloured curves. Image: the picture itself. All but VQGAN need only a CLIP model.</source>
        <translation>최적화가 바꾸는 대상. VQGAN: VQGAN 잠재 표현(VQGAN 모델 필요). 픽셀 아트: 한 가지 색 칸의 격자. 획: 색이 있는 곡선. 이미지: 그림 자체. VQGAN 말고는 CLIP 모델만 있으면 됩니다.</translation>
    </message>
    <message>
        <source>VQGAN</source>
        <translation>VQGAN</translation>
    </message>
    <message>
        <source>Pixel art</source>
        <translation>픽셀 아트</translation>
    </message>
    <message>
        <source>Strokes</source>
        <translation>획</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>A VQGAN latent, as in VQGAN+CLIP.</source>
        <translation>VQGAN+CLIP처럼 VQGAN 잠재 표현을 바꿉니다.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Cells across. The picture is rounded down to whole cells.</source>
        <translation>가로 칸 수. 그림 크기는 칸의 배수로 내림합니다.</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Cells down.</source>
        <translation>세로 칸 수.</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>격자</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>팔레트</translation>
    </message>
    <message>
        <source>Limit the cells to these colours (also what the palette loss pulls toward).</source>
        <translation>칸의 색을 이 색들로 제한합니다(팔레트 손실이 끌어당기는 색이기도 합니다).</translation>
    </message>
    <message>
        <source>Any colour</source>
        <translation>모든 색</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>직접 입력…</translation>
    </message>
    <message>
        <source>Custom palette</source>
        <translation>직접 만든 팔레트</translation>
    </message>
    <message>
        <source>Hex colours separated by commas or spaces, e.g. #ff004d, #29adff, #fff1e8.</source>
        <translation>쉼표나 공백으로 구분한 16진수 색, 예: #ff004d, #29adff, #fff1e8.</translation>
    </message>
    <message>
        <source>Palette colours</source>
        <translation>팔레트 색</translation>
    </message>
    <message>
        <source>The palette&apos;s colours.</source>
        <translation>팔레트의 색들.</translation>
    </message>
    <message>
        <source>How many curves make the picture. More draws more detail, more slowly.</source>
        <translation>그림을 이루는 곡선 수. 많을수록 자세하지만 느립니다.</translation>
    </message>
    <message>
        <source>Stroke width</source>
        <translation>획 굵기</translation>
    </message>
    <message>
        <source>Starting width of each curve; the run may change it.</source>
        <translation>각 곡선의 처음 굵기. 실행 중에 바뀔 수 있습니다.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>굵기</translation>
    </message>
    <message>
        <source>Stroke style</source>
        <translation>획 스타일</translation>
    </message>
    <message>
        <source>Colour: coloured curves on a coloured ground. Line: black lines on white, a sketch.</source>
        <translation>색: 색 배경 위의 색 곡선. 선: 흰 바탕에 검은 선으로 그린 스케치.</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>색</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>선</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>스타일</translation>
    </message>
    <message>
        <source>Fourier</source>
        <translation>푸리에</translation>
    </message>
    <message>
        <source>Change the picture&apos;s frequencies rather than its pixels: smoother, larger shapes.</source>
        <translation>픽셀 대신 그림의 주파수를 바꿉니다. 더 매끄럽고 큰 형태가 나옵니다.</translation>
    </message>
    <message>
        <source>Seamless tile</source>
        <translation>이음매 없는 타일</translation>
    </message>
    <message>
        <source>The picture wraps around: it repeats without a visible seam, as wallpaper.</source>
        <translation>그림의 가장자리가 반대편과 이어져 벽지처럼 이음매 없이 반복됩니다.</translation>
    </message>
    <message>
        <source>Preview 3×3</source>
        <translation>3×3 미리보기</translation>
    </message>
    <message>
        <source>Preview tiled</source>
        <translation>타일 미리보기</translation>
    </message>
    <message>
        <source>Show the picture tiled 3×3 to check the seams.</source>
        <translation>이음매를 확인하도록 그림을 3×3으로 이어 보여 줍니다.</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>타일</translation>
    </message>
    <message>
        <source>Judges</source>
        <translation>평가 모델</translation>
    </message>
    <message>
        <source>Which CLIP models judge each step. Several judge better pictures, each one more slowly. Offered from the models installed.</source>
        <translation>매 단계를 평가할 CLIP 모델. 여러 개가 함께 평가하면 그림이 좋아지지만 하나 늘 때마다 느려집니다. 설치된 모델 중에서 고릅니다.</translation>
    </message>
    <message>
        <source>Symmetry</source>
        <translation>대칭</translation>
    </message>
    <message>
        <source>Pull the picture toward its left-right mirror image (0: off). Applies while running.</source>
        <translation>그림을 좌우 거울상에 가깝게 당깁니다(0: 끔). 실행 중에도 적용됩니다.</translation>
    </message>
    <message>
        <source>Palette pull</source>
        <translation>팔레트 당김</translation>
    </message>
    <message>
        <source>Pull every colour toward the nearest palette colour (choose a palette first; 0: off). Applies while running.</source>
        <translation>모든 색을 가장 가까운 팔레트 색으로 당깁니다(먼저 팔레트를 고르세요. 0: 끔). 실행 중에도 적용됩니다.</translation>
    </message>
    <message>
        <source>Saturation</source>
        <translation>채도</translation>
    </message>
    <message>
        <source>Right: more colourful; left: greyer (0: off). Applies while running.</source>
        <translation>오른쪽: 더 선명하게, 왼쪽: 더 회색으로(0: 끔). 실행 중에도 적용됩니다.</translation>
    </message>
    <message>
        <source>Plain border</source>
        <translation>단색 테두리</translation>
    </message>
    <message>
        <source>Keep the border plain, one colour, so the subject stays inside (0: off). Applies while running.</source>
        <translation>테두리를 한 가지 색으로 비워 두어 대상이 안쪽에 머물게 합니다(0: 끔). 실행 중에도 적용됩니다.</translation>
    </message>
    <message>
        <source>Draft: the chosen CLIP</source>
        <translation>초안: 선택한 CLIP</translation>
    </message>
    <message>
        <source>Better: + ViT-B/16</source>
        <translation>더 좋게: + ViT-B/16</translation>
    </message>
    <message>
        <source>Best: + ViT-B/16 + RN50</source>
        <translation>최고: + ViT-B/16 + RN50</translation>
    </message>
    <message>
        <source>Install %1 in Models to use this.</source>
        <translation>이것을 쓰려면 모델에서 %1을(를) 설치하세요.</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Fit the grid to the picture</source>
        <translation>격자를 그림에 맞춤</translation>
    </message>
    <message>
        <source>Square cells that divide the picture, about a sixteenth of its shorter side (64 × 64: 16 × 16 cells of 4 px).</source>
        <translation>그림을 나누어떨어지게 하는 정사각형 칸으로, 짧은 변의 약 16분의 1 크기입니다(64 × 64: 4 px 칸 16 × 16).</translation>
    </message>
    <message>
        <source>Cells of %1 px</source>
        <translation>칸 크기 %1 px</translation>
    </message>
    <message>
        <source>Cells of %1 × %2 px (not square)</source>
        <translation>칸 크기 %1 × %2 px(정사각형 아님)</translation>
    </message>
    <message>
        <source>; the picture will be %1 × %2, not %3 × %4</source>
        <translation>; 그림은 %3 × %4가 아니라 %1 × %2가 됩니다</translation>
    </message>
</context>
<context>
    <name>pictor::ui::GalleryController</name>
    <message>
        <source>No CLIP model chosen (Models ▸ Choose Models).</source>
        <translation>CLIP 모델을 고르지 않았습니다(모델 ▸ 모델 선택).</translation>
    </message>
    <message>
        <source>%1 new, %2 updated, %3 unchanged, %4 moved, %5 removed, %6 failed</source>
        <translation>새 그림 %1, 갱신 %2, 변경 없음 %3, 이동 %4, 삭제 %5, 실패 %6</translation>
    </message>
    <message>
        <source>Indexing failed</source>
        <translation>색인 실패</translation>
    </message>
    <message>
        <source>Nothing is indexed yet for this model: add a folder and index it.</source>
        <translation>이 모델로 색인된 그림이 아직 없습니다. 폴더를 추가하고 색인하세요.</translation>
    </message>
    <message>
        <source>No picture matches “%1” well enough.</source>
        <translation>“%1”에 충분히 맞는 그림이 없습니다.</translation>
    </message>
</context>
<context>
    <name>pictor::ui::GalleryPanel</name>
    <message>
        <source>Library folders</source>
        <translation>라이브러리 폴더</translation>
    </message>
    <message>
        <source>Folders whose pictures are indexed and searched (with their sub-folders).</source>
        <translation>그림을 색인하고 검색할 폴더(하위 폴더 포함).</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <source>Add a folder of pictures to the library</source>
        <translation>라이브러리에 그림 폴더 추가</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Stop searching the selected folder (its index entries stay until re-indexed)</source>
        <translation>선택한 폴더 검색을 그만둡니다(다시 색인할 때까지 색인 항목은 남습니다)</translation>
    </message>
    <message>
        <source>Index now</source>
        <translation>지금 색인</translation>
    </message>
    <message>
        <source>Embed new and changed pictures in the background (F5)</source>
        <translation>새 그림과 바뀐 그림을 백그라운드에서 임베딩(F5)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop indexing after the current batch; finished work is kept</source>
        <translation>현재 묶음 뒤에 색인을 멈춥니다. 끝난 작업은 유지됩니다</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>색인 진행</translation>
    </message>
    <message>
        <source>Describe a picture, e.g. “a dog on a beach” — or &quot;a dog&quot; + &quot;sunset&quot; - &quot;people&quot;</source>
        <translation>그림을 설명하세요. 예: “해변의 개” — 또는 &quot;a dog&quot; + &quot;sunset&quot; - &quot;people&quot;</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>Text, a picture file, or terms joined with + and - (weights as 2:term). Enter searches.</source>
        <translation>글, 그림 파일, 또는 +와 -로 이은 항목(가중치는 2:항목). Enter로 검색합니다.</translation>
    </message>
    <message>
        <source>Folder filter</source>
        <translation>폴더 필터</translation>
    </message>
    <message>
        <source>Only pictures under this folder</source>
        <translation>이 폴더 아래의 그림만</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>모든 형식</translation>
    </message>
    <message>
        <source>File type filter</source>
        <translation>파일 형식 필터</translation>
    </message>
    <message>
        <source>Most relevant</source>
        <translation>관련성 높은 순</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>최신순</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>오래된 순</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>정렬 순서</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source>to</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>auto-tag</source>
        <translation>자동 태그</translation>
    </message>
    <message>
        <source>Only pictures with this auto-tag (pictor-cli tag)</source>
        <translation>이 자동 태그가 붙은 그림만(pictor-cli tag)</translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation>태그 필터</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <source>Type a description and press Enter.</source>
        <translation>설명을 입력하고 Enter를 누르세요.</translation>
    </message>
    <message>
        <source>Selected picture</source>
        <translation>선택한 그림</translation>
    </message>
    <message>
        <source>Find similar</source>
        <translation>비슷한 그림 찾기</translation>
    </message>
    <message>
        <source>Search for pictures like this one</source>
        <translation>이 그림과 비슷한 그림 검색</translation>
    </message>
    <message>
        <source>Use as init image</source>
        <translation>시작 그림으로 사용</translation>
    </message>
    <message>
        <source>Start a new picture in Create from this one</source>
        <translation>이 그림에서 만들기의 새 그림 시작</translation>
    </message>
    <message>
        <source>Use as image prompt</source>
        <translation>이미지 프롬프트로 사용</translation>
    </message>
    <message>
        <source>Add this picture to Create&apos;s prompts</source>
        <translation>이 그림을 만들기의 프롬프트에 추가</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Open in the system&apos;s viewer</source>
        <translation>시스템 뷰어로 열기</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>폴더에서 보기</translation>
    </message>
    <message>
        <source>Open the folder that holds it</source>
        <translation>그림이 있는 폴더 열기</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>경로 복사</translation>
    </message>
    <message>
        <source>Copy the file&apos;s path to the clipboard</source>
        <translation>파일 경로를 클립보드에 복사</translation>
    </message>
    <message>
        <source>Add a picture folder</source>
        <translation>그림 폴더 추가</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>모든 폴더</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>검색 중…</translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s)</source>
        <translation>
            <numerusform>그림 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a folder first.</source>
        <translation>먼저 폴더를 추가하세요.</translation>
    </message>
    <message>
        <source>Looking for new and changed pictures…</source>
        <translation>새 그림과 바뀐 그림을 찾는 중…</translation>
    </message>
    <message>
        <source>%1 of %2 pictures · %3/s · about %4 s left</source>
        <translation>그림 %2개 중 %1개 · 초당 %3개 · 약 %4초 남음</translation>
    </message>
    <message>
        <source>Stopped: </source>
        <translation>멈춤: </translation>
    </message>
    <message>
        <source>Indexed: </source>
        <translation>색인 완료: </translation>
    </message>
    <message>
        <source>Indexing stopped</source>
        <translation>색인을 멈췄습니다</translation>
    </message>
    <message>
        <source>Indexing finished</source>
        <translation>색인을 마쳤습니다</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 × %3 · %4&lt;br&gt;score %5&lt;br&gt;&lt;small&gt;%6&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 × %3 · %4&lt;br&gt;점수 %5&lt;br&gt;&lt;small&gt;%6&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Re-index with this model</source>
        <translation>이 모델로 다시 색인</translation>
    </message>
    <message>
        <source>Embed every picture of the library folders again with the CLIP model chosen now, so that it can search them</source>
        <translation>지금 선택한 CLIP 모델로 라이브러리 폴더의 모든 그림을 다시 임베딩하여 이 모델로 검색할 수 있게 합니다</translation>
    </message>
    <message>
        <source>%1 will be indexed when the current pass ends.</source>
        <translation>지금 진행 중인 색인이 끝나면 %1을(를) 색인합니다.</translation>
    </message>
</context>
<context>
    <name>pictor::ui::GalleryResultsModel</name>
    <message>
        <source>Score %1 · %2 · %3×%4
%5</source>
        <translation>점수 %1 · %2 · %3×%4
%5</translation>
    </message>
    <message>
        <source>%1, score %2</source>
        <translation>%1, 점수 %2</translation>
    </message>
</context>
<context>
    <name>pictor::ui::GenerationController</name>
    <message>
        <source>CLIP</source>
        <translation>CLIP</translation>
    </message>
    <message>
        <source>VQGAN</source>
        <translation>VQGAN</translation>
    </message>
    <message>
        <source>checksums</source>
        <translation>체크섬</translation>
    </message>
    <message>
        <source>start picture</source>
        <translation>시작 그림</translation>
    </message>
    <message>
        <source>The VQGAN drawer needs a VQGAN model: choose one under Models, or draw with Pixel art, Strokes or Image.</source>
        <translation>VQGAN 그리기에는 VQGAN 모델이 필요합니다. 모델 메뉴에서 고르거나 픽셀 아트, 획, 이미지로 그리세요.</translation>
    </message>
    <message>
        <source>measuring this CPU&apos;s fastest kernels (once)</source>
        <translation>이 CPU에서 가장 빠른 커널 측정 중 (한 번만)</translation>
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
        <translation>만들기</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>갤러리</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>작업 공간</translation>
    </message>
    <message>
        <source>%1 — Pictor</source>
        <translation>%1 — Pictor</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <source>No model found. Put OpenAI CLIP and taming VQGAN files in a folder and choose them under Models.</source>
        <translation>모델을 찾지 못했습니다. OpenAI CLIP과 taming VQGAN 파일을 폴더에 넣고 모델 메뉴에서 고르세요.</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>모델: %1</translation>
    </message>
    <message>
        <source>CLIP: %1
VQGAN: %2
For better pictures use the published models: OpenAI CLIP ViT-B/32 (ViT-B-32.pt with bpe_simple_vocab_16e6.txt.gz) and taming&apos;s vqgan_imagenet_f16_16384 (last.ckpt + model.yaml); choose them with Models ▸ Choose models.</source>
        <translation>CLIP: %1
VQGAN: %2
더 좋은 그림을 원하면 공개된 모델을 쓰세요: OpenAI CLIP ViT-B/32(ViT-B-32.pt와 bpe_simple_vocab_16e6.txt.gz)와 taming의 vqgan_imagenet_f16_16384(last.ckpt + model.yaml). 모델 ▸ 모델 선택에서 고르세요.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Picture…</source>
        <translation>그림 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a picture: Pictor pictures bring their settings back</source>
        <translation>그림 열기: Pictor 그림은 설정도 함께 돌아옵니다</translation>
    </message>
    <message>
        <source>&amp;Save Picture…</source>
        <translation>그림 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Export &amp;Time-lapse…</source>
        <translation>타임랩스 내보내기(&amp;T)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>생성(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>시작(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>일시 정지 / 계속(&amp;P)</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>멈춤(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Continue From Picture</source>
        <translation>그림에서 이어 하기(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Pixels (1:1)</source>
        <translation>실제 픽셀(1:1)(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>창에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>만들기(&amp;C)</translation>
    </message>
    <message>
        <source>Alt+1</source>
        <translation>Alt+1</translation>
    </message>
    <message>
        <source>&amp;Gallery</source>
        <translation>갤러리(&amp;G)</translation>
    </message>
    <message>
        <source>Alt+2</source>
        <translation>Alt+2</translation>
    </message>
    <message>
        <source>&amp;Search the Gallery</source>
        <translation>갤러리 검색(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>모델(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Choose Models…</source>
        <translation>모델 선택(&amp;C)…</translation>
    </message>
    <message>
        <source>CLIP model</source>
        <translation>CLIP 모델</translation>
    </message>
    <message>
        <source>Models (*.ckpt *.safetensors)</source>
        <translation>모델 (*.ckpt *.safetensors)</translation>
    </message>
    <message>
        <source>Use the &amp;Demo Model</source>
        <translation>데모 모델 사용(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Pictor</source>
        <translation>Pictor 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비됨</translation>
    </message>
    <message>
        <source>Loading models</source>
        <translation>모델 불러오는 중</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>생성 중</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>멈추는 중</translation>
    </message>
    <message>
        <source>CPU, %1 threads · %2</source>
        <translation type="vanished">CPU, 스레드 %1개 · %2</translation>
    </message>
    <message>
        <source>Open picture</source>
        <translation>그림 열기</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Start&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Pause / resume&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Stop (keeps the picture)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Continue from the picture&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Save picture with settings&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open a picture (settings come back)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Export time-lapse&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl++ / Ctrl+-&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Zoom in / out&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 / Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Actual pixels / fit&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 / Alt+2&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Create / Gallery&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Gallery: search&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Gallery: index the library folders&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt; on a result&lt;/td&gt;&lt;td&gt;Gallery: find similar pictures&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;시작&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;일시 정지 / 계속&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;멈춤(그림은 유지)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;그림에서 이어 하기&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;설정과 함께 그림 저장&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;그림 열기(설정이 돌아옴)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;타임랩스 내보내기&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl++ / Ctrl+-&lt;/b&gt;&lt;/td&gt;&lt;td&gt;확대 / 축소&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 / Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;실제 픽셀 / 맞추기&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 / Alt+2&lt;/b&gt;&lt;/td&gt;&lt;td&gt;만들기 / 갤러리&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;갤러리: 검색&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;갤러리: 라이브러리 폴더 색인&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt;(결과에서)&lt;/td&gt;&lt;td&gt;갤러리: 비슷한 그림 찾기&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;끝내기&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About Pictor</source>
        <translation>Pictor 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pictor %1&lt;/h3&gt;&lt;p&gt;Pictures from words with VQGAN+CLIP, on your own computer.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 · OpenCV %4&lt;br&gt;BLAS: %5&lt;br&gt;Model: %6&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pictor %1&lt;/h3&gt;&lt;p&gt;VQGAN+CLIP로 글에서 그림을, 내 컴퓨터에서 만듭니다.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 · OpenCV %4&lt;br&gt;BLAS: %5&lt;br&gt;모델: %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <source>The language changes the next time Pictor starts.</source>
        <translation type="vanished">언어는 Pictor를 다음에 시작할 때 바뀝니다.</translation>
    </message>
    <message>
        <source>&amp;Manage Models…</source>
        <translation>모델 관리(&amp;M)…</translation>
    </message>
    <message>
        <source>Model: %1 + %2</source>
        <translation>모델: %1 + %2</translation>
    </message>
    <message>
        <source> · understands Korean</source>
        <translation> · 한국어 이해</translation>
    </message>
    <message>
        <source>Models (*.pt *.pth *.bin *.ckpt *.safetensors)</source>
        <translation>모델 (*.pt *.pth *.bin *.ckpt *.safetensors)</translation>
    </message>
    <message>
        <source>Demo model (plain shapes, colours and backgrounds)</source>
        <translation>데모 모델 (단순한 도형, 색, 배경)</translation>
    </message>
    <message>
        <source>%1 (no VQGAN: pixel art, strokes and image drawers)</source>
        <translation>%1 (VQGAN 없음: 픽셀 아트, 획, 이미지 그리기)</translation>
    </message>
    <message>
        <source>VQGAN model (cancel for none)</source>
        <translation>VQGAN 모델 (없으면 취소)</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Pictor will speak %1 from its next start.</source>
        <translation>Pictor는 다음 시작부터 %1(으)로 표시됩니다.</translation>
    </message>
    <message>
        <source>Restart now? Your settings, prompt and pictures are kept.</source>
        <translation>지금 다시 시작할까요? 설정, 프롬프트, 그림은 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>지금 다시 시작</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>A picture is being made: restart Pictor when it is done.</source>
        <translation>그림을 만드는 중입니다. 끝나면 Pictor를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>CPU, %1 threads</source>
        <translation>CPU, 스레드 %1개</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>pictor::ui::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Architecture and licence</source>
        <translation>구조와 라이선스</translation>
    </message>
    <message>
        <source>Available and installed models</source>
        <translation>사용할 수 있는 모델과 설치된 모델</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>내려받기</translation>
    </message>
    <message>
        <source>Fetch the selected model; an interrupted download resumes, and the file is checked before use</source>
        <translation>선택한 모델을 내려받습니다. 끊긴 내려받기는 이어서 받고, 쓰기 전에 파일을 검사합니다</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>내려받기 취소</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>파일 가져오기…</translation>
    </message>
    <message>
        <source>Use a model file you already have: it is recognised by its checksum and copied into place</source>
        <translation>이미 가진 모델 파일을 씁니다. 체크섬으로 알아보고 제자리에 복사합니다</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Use as CLIP</source>
        <translation>CLIP으로 사용</translation>
    </message>
    <message>
        <source>Generate and search with this CLIP model</source>
        <translation>이 CLIP 모델로 생성하고 검색합니다</translation>
    </message>
    <message>
        <source>Use as VQGAN</source>
        <translation>VQGAN으로 사용</translation>
    </message>
    <message>
        <source>Generate with this VQGAN</source>
        <translation>이 VQGAN으로 생성합니다</translation>
    </message>
    <message>
        <source>Pictor never downloads anything unless you ask. Models go to %1.</source>
        <translation>Pictor는 요청하지 않으면 아무것도 내려받지 않습니다. 모델은 %1에 저장됩니다.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Download %1? This is about %2 and goes to %3.</source>
        <translation>%1을(를) 내려받을까요? 약 %2이며 %3에 저장됩니다.</translation>
    </message>
    <message>
        <source>Import a model file</source>
        <translation>모델 파일 가져오기</translation>
    </message>
    <message>
        <source>Model files (*.pt *.ckpt *.yaml *.gz *.safetensors)</source>
        <translation>모델 파일 (*.pt *.ckpt *.yaml *.gz *.safetensors)</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 가져옴</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>기본 포함</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>설치됨</translation>
    </message>
    <message>
        <source>partly installed</source>
        <translation>일부 설치됨</translation>
    </message>
    <message>
        <source> (recommended)</source>
        <translation> (추천)</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>%1 내려받는 중…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 · %4 MiB/s · %5 left</source>
        <translation>%1: %3 중 %2 · 초당 %4 MiB · %5 남음</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>알 수 없는 시간</translation>
    </message>
    <message>
        <source>%1 is installed.</source>
        <translation>%1이(가) 설치되었습니다.</translation>
    </message>
    <message>
        <source>Download or import %1 first.</source>
        <translation>먼저 %1을(를) 내려받거나 가져오세요.</translation>
    </message>
    <message>
        <source>%1 is not a CLIP model.</source>
        <translation>%1은(는) CLIP 모델이 아닙니다.</translation>
    </message>
    <message>
        <source>%1 is not a VQGAN model.</source>
        <translation>%1은(는) VQGAN 모델이 아닙니다.</translation>
    </message>
    <message>
        <source>%1 also needs %2: download it too.</source>
        <translation>%1에는 %2도 필요합니다. 함께 내려받으세요.</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>내려받는 중</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source> · understands Korean</source>
        <translation> · 한국어 이해</translation>
    </message>
    <message>
        <source>%1 was not downloaded: this computer seems to be offline (%2 cannot be reached).</source>
        <translation>%1을(를) 내려받지 못했습니다. 이 컴퓨터가 오프라인인 것 같습니다(%2에 연결할 수 없음).</translation>
    </message>
</context>
<context>
    <name>pictor::ui::OfflineHelp</name>
    <message>
        <source>No connection</source>
        <translation>연결 없음</translation>
    </message>
    <message>
        <source>This computer seems to be offline: %1 cannot be reached.</source>
        <translation>이 컴퓨터가 오프라인인 것 같습니다. %1에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 · SHA-256 %2</source>
        <translation>%1 · SHA-256 %2</translation>
    </message>
    <message>
        <source>Connect to the internet and try again: what was downloaded is kept. Or download the files on another computer and bring them in with Import file…; Pictor recognises them by their checksum.</source>
        <translation>인터넷에 연결한 뒤 다시 시도하세요. 이미 받은 부분은 유지됩니다. 또는 다른 컴퓨터에서 파일을 내려받아 &quot;파일 가져오기…&quot;로 가져오세요. Pictor가 체크섬으로 파일을 알아봅니다.</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>파일 가져오기…</translation>
    </message>
    <message>
        <source>Import model files</source>
        <translation>모델 파일 가져오기</translation>
    </message>
    <message>
        <source>Model files (*.pt *.ckpt *.yaml *.gz *.safetensors *.model *.bin);;All files (*)</source>
        <translation>모델 파일 (*.pt *.ckpt *.yaml *.gz *.safetensors *.model *.bin);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1을(를) 가져왔습니다</translation>
    </message>
</context>
<context>
    <name>pictor::ui::PreviewView</name>
    <message>
        <source>Picture preview</source>
        <translation>그림 미리보기</translation>
    </message>
    <message>
        <source>The picture as it evolves. Wheel to zoom, drag to pan; drop a picture here to start from it.</source>
        <translation>변해 가는 그림. 휠로 확대하고 끌어서 이동합니다. 그림을 여기에 놓으면 그 그림에서 시작합니다.</translation>
    </message>
    <message>
        <source>Type a prompt and press Ctrl+Enter.
The picture appears here as it evolves.</source>
        <translation>프롬프트를 입력하고 Ctrl+Enter를 누르세요.
그림이 변해 가는 모습이 여기에 나타납니다.</translation>
    </message>
</context>
<context>
    <name>pictor::ui::PromptEditor</name>
    <message>
        <source>a watercolour lighthouse at sunset | trending on artstation:0.5 | blurry:-1</source>
        <translation>노을 진 수채화 등대 | trending on artstation:0.5 | blurry:-1</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <source>Describe the picture. Several prompts: separate with |. Weight: text:2 (negative pushes away). Story: phrases separated by ^ change every N steps. Ctrl+Enter starts.</source>
        <translation>그림을 설명하세요. 여러 프롬프트는 |로 구분합니다. 가중치: 글:2(음수는 밀어냄). 이야기: ^로 구분한 구절이 N단계마다 바뀝니다. Ctrl+Enter로 시작합니다.</translation>
    </message>
    <message>
        <source>The demo model has not learned &apos;%1&apos;: it knows plain shapes, colours and backgrounds. For everything else use a published model (Models ▸ Manage Models).</source>
        <translation>데모 모델은 &apos;%1&apos;을(를) 배우지 않았습니다. 단순한 도형, 색, 배경만 압니다. 그 밖의 것은 공개된 모델을 쓰세요 (모델 ▸ 모델 관리).</translation>
    </message>
</context>
<context>
    <name>pictor::ui::SettingsPanel</name>
    <message>
        <source>Picture</source>
        <translation>그림</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>너비</translation>
    </message>
    <message>
        <source>Width in pixels; rounded down to the VQGAN&apos;s cell size (8 or 16 px). Larger is slower.</source>
        <translation>픽셀 단위 너비. VQGAN 셀 크기(8 또는 16픽셀)에 맞춰 내림합니다. 클수록 느립니다.</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>높이</translation>
    </message>
    <message>
        <source>Height in pixels; rounded down to the VQGAN&apos;s cell size.</source>
        <translation>픽셀 단위 높이. VQGAN 셀 크기에 맞춰 내림합니다.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>How many optimisation steps. 0 runs until you press Stop.</source>
        <translation>최적화 단계 수. 0이면 멈춤을 누를 때까지 실행합니다.</translation>
    </message>
    <message>
        <source>Until stopped</source>
        <translation>멈출 때까지</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>The random seed: the same seed and settings give the same picture.</source>
        <translation>무작위 시드: 같은 시드와 설정이면 같은 그림이 나옵니다.</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>잠금</translation>
    </message>
    <message>
        <source>Lock seed</source>
        <translation>시드 잠금</translation>
    </message>
    <message>
        <source>Keep this seed for the next run; unlocked, every run picks a new one.</source>
        <translation>다음 실행에도 이 시드를 유지합니다. 잠그지 않으면 실행마다 새로 고릅니다.</translation>
    </message>
    <message>
        <source>Randomise</source>
        <translation>무작위</translation>
    </message>
    <message>
        <source>Randomise seed</source>
        <translation>시드 무작위로</translation>
    </message>
    <message>
        <source>Pick a new random seed now.</source>
        <translation>지금 새 무작위 시드를 고릅니다.</translation>
    </message>
    <message>
        <source>Best of</source>
        <translation>최고 선택</translation>
    </message>
    <message>
        <source>Try this many seeds for a few steps first and continue the one CLIP scores highest (1: off).</source>
        <translation>먼저 이만큼의 시드를 몇 단계씩 시험하고 CLIP 점수가 가장 높은 것으로 이어 갑니다(1: 끔).</translation>
    </message>
    <message>
        <source>Trial steps</source>
        <translation>시험 단계</translation>
    </message>
    <message>
        <source>Steps each Best-of-N candidate runs before they are compared.</source>
        <translation>최고 선택 후보마다 비교 전에 실행하는 단계 수.</translation>
    </message>
    <message>
        <source> steps each</source>
        <translation> 단계씩</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>최적화</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Step size. Higher changes the picture faster but less carefully. Applies while running.</source>
        <translation>단계 크기. 높을수록 그림이 빨리 바뀌지만 덜 세심합니다. 실행 중에도 적용됩니다.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>The optimiser moving the VQGAN latent. Adam is the reference&apos;s default.</source>
        <translation>VQGAN 잠재 공간을 움직이는 옵티마이저. Adam이 원본의 기본값입니다.</translation>
    </message>
    <message>
        <source>Init weight</source>
        <translation>시작 그림 가중치</translation>
    </message>
    <message>
        <source>How strongly to stay close to the init image (0: free).</source>
        <translation>시작 그림에 얼마나 가깝게 머물지(0: 자유).</translation>
    </message>
    <message>
        <source>Story every</source>
        <translation>이야기 간격</translation>
    </message>
    <message>
        <source>With phrases separated by ^ in the prompt: move to the next phrase every N steps (0: off).</source>
        <translation>프롬프트에 ^로 구분한 구절이 있으면 N단계마다 다음 구절로 넘어갑니다(0: 끔).</translation>
    </message>
    <message>
        <source>Use bf16 where the CPU supports it</source>
        <translation>CPU가 지원하면 bf16 사용</translation>
    </message>
    <message>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <source>About twice as fast on CPUs with bf16 instructions, with a tiny change in the numbers.</source>
        <translation>bf16 명령을 지원하는 CPU에서 약 두 배 빠르며, 수치는 아주 조금 달라집니다.</translation>
    </message>
    <message>
        <source>Cutouts</source>
        <translation>잘라낸 조각</translation>
    </message>
    <message>
        <source>How many views of the picture CLIP judges each step. More is steadier and slower. Applies while running.</source>
        <translation>CLIP이 단계마다 평가하는 그림 조각의 수. 많을수록 안정적이지만 느립니다. 실행 중에도 적용됩니다.</translation>
    </message>
    <message>
        <source>Cut method</source>
        <translation>자르기 방식</translation>
    </message>
    <message>
        <source>latest: the whole picture with augmentations (default). original: random crops (the first notebook).</source>
        <translation>latest: 증강을 더한 그림 전체(기본값). original: 무작위 자르기(최초의 노트북).</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>방식</translation>
    </message>
    <message>
        <source>Cut power</source>
        <translation>자르기 지수</translation>
    </message>
    <message>
        <source>For random crops: above 1 favours small crops, below 1 large ones.</source>
        <translation>무작위 자르기용: 1보다 크면 작은 조각, 1보다 작으면 큰 조각이 많아집니다.</translation>
    </message>
    <message>
        <source>Affine: rotate, shift, shear</source>
        <translation>아핀: 회전, 이동, 기울이기</translation>
    </message>
    <message>
        <source>Perspective</source>
        <translation>원근</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>회전</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>좌우 뒤집기</translation>
    </message>
    <message>
        <source>Colour jitter</source>
        <translation>색상 흔들기</translation>
    </message>
    <message>
        <source>Erasing: blank a patch</source>
        <translation>지우기: 일부 영역을 비움</translation>
    </message>
    <message>
        <source>Gaussian noise</source>
        <translation>가우스 잡음</translation>
    </message>
    <message>
        <source>Augment</source>
        <translation>증강</translation>
    </message>
    <message>
        <source>Smoothness</source>
        <translation>매끄러움</translation>
    </message>
    <message>
        <source>Penalise busy pictures: higher gives fewer, larger shapes (0: off).</source>
        <translation>복잡한 그림에 벌점을 줍니다. 높을수록 더 적고 큰 모양이 나옵니다(0: 끔).</translation>
    </message>
    <message>
        <source>Coarse steps</source>
        <translation>거친 단계</translation>
    </message>
    <message>
        <source>Shape a half-resolution picture for the first N steps, then refine it at full size (0: off).</source>
        <translation>처음 N단계 동안 절반 해상도의 그림을 잡은 뒤 원래 크기로 다듬습니다(0: 끔).</translation>
    </message>
    <message>
        <source>Coarse levels</source>
        <translation>거친 단계 수준</translation>
    </message>
    <message>
        <source>How many times the coarse stage halves the picture&apos;s grid: 2 lays out a quarter-resolution picture, then a half-resolution one, each for half the coarse steps.</source>
        <translation>거친 단계가 그림의 격자를 몇 번 절반으로 줄일지 정합니다. 2는 4분의 1 해상도의 그림을 먼저 잡고 이어서 절반 해상도로, 거친 단계의 절반씩 씁니다.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>What the run starts from when there is no init image. One shape: a plain disc, square, triangle, star or ring in the outline and colours CLIP picks for the prompt, refined by the run instead of a collage carved from random codes.</source>
        <translation>시작 이미지가 없을 때 무엇에서 시작할지 정합니다. 도형 하나: CLIP이 프롬프트에 맞게 고른 모양(원, 사각형, 삼각형, 별, 고리)과 색의 도형 하나에서 시작해, 무작위 코드에서 조각난 그림을 깎아 내는 대신 그 도형을 다듬습니다.</translation>
    </message>
    <message>
        <source>Random codes</source>
        <translation>무작위 코드</translation>
    </message>
    <message>
        <source>Pixel noise</source>
        <translation>픽셀 노이즈</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>그라데이션</translation>
    </message>
    <message>
        <source>One shape</source>
        <translation>도형 하나</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>데모 모델</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Where runs compute. Automatic takes the first NVIDIA GPU when Pictor was built with CUDA and sees one, else the CPU; the status bar says which device a run uses.</source>
        <translation>실행이 계산할 장치입니다. 자동은 Pictor가 CUDA로 빌드되어 NVIDIA GPU를 찾으면 첫 번째 GPU를, 아니면 CPU를 씁니다. 상태 표시줄에 실행이 쓰는 장치가 나옵니다.</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>CPU (%1)</source>
        <translation>CPU (%1)</translation>
    </message>
    <message>
        <source>GPU %1 (%2, %3 GiB)</source>
        <translation>GPU %1 (%2, %3 GiB)</translation>
    </message>
    <message>
        <source>Settle at step</source>
        <translation>도형 정리 단계</translation>
    </message>
    <message>
        <source>At this step the picture settles into one shape: where its main colour lies, CLIP picks one plain outline and both colours, and the rest of the run refines it (0: off).</source>
        <translation>이 단계에서 그림이 도형 하나로 정리됩니다. 주된 색이 있는 자리에 CLIP이 단순한 윤곽 하나와 두 색을 고르고, 나머지 단계가 그것을 다듬습니다(0: 끔).</translation>
    </message>
</context>
</TS>
