<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>%1 — click the title to collapse</source>
        <translation>%1 — 点击标题可折叠</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>  ·  %1 alike</source>
        <translation>  ·  %1 个相同</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Per-layer numeric diff (this export's comparison)</source>
        <translation>逐层数值差异（本次导出的比较）</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消；未写入任何文件。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported %1 files to %2 in %3 s (%4 of %5 operators converted).</source>
        <translation>已在 %3 秒内导出 %1 个文件到 %2（%5 个算子中已转换 %4 个）。</translation>
    </message>
    <message>
        <source>max |error| per layer</source>
        <translation>每层最大 |误差|</translation>
    </message>
    <message>
        <source>out of tolerance</source>
        <translation>超出容差</translation>
    </message>
    <message>
        <source>layer (topological order)</source>
        <translation>层（拓扑顺序）</translation>
    </message>
    <message>
        <source>max |converted − reference|</source>
        <translation>最大 |转换结果 − 参考值|</translation>
    </message>
    <message>
        <source>Per-layer diff: %1 of %2 compared layers within tolerance (atol %3, rtol %4)</source>
        <translation>逐层差异：已比较的 %2 层中有 %1 层在容差内（atol %3，rtol %4）</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>the PDF could not be written to %1</source>
        <translation>无法将 PDF 写入 %1</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Light or dark colours for the window (the graphs stay light)</source>
        <translation>窗口使用浅色或深色（图保持浅色）</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
<context>
    <name>mb::DiffActions</name>
    <message>
        <source>Run Per-Layer &amp;Diff</source>
        <translation>逐层比对(&amp;D)</translation>
    </message>
    <message>
        <source>Run the source and the converted graph on the same inputs and compare every layer</source>
        <translation>用相同输入运行源图与转换后的图，并逐层比较</translation>
    </message>
    <message>
        <source>Go to First &amp;Divergent Layer</source>
        <translation>跳到第一个偏差层(&amp;D)</translation>
    </message>
    <message>
        <source>Diff &amp;Overlay</source>
        <translation>比对着色(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Off</source>
        <translation>关闭(&amp;O)</translation>
    </message>
    <message>
        <source>Max |error|</source>
        <translation>最大 |误差|</translation>
    </message>
    <message>
        <source>Max &amp;relative error</source>
        <translation>最大相对误差(&amp;R)</translation>
    </message>
    <message>
        <source>1 − &amp;cosine</source>
        <translation>1 − 余弦相似度(&amp;C)</translation>
    </message>
    <message>
        <source>Comparing every layer… run %1 of %2</source>
        <translation>正在逐层比较… 第 %1 / %2 次运行</translation>
    </message>
    <message>
        <source>Diff: %1 of %2 layers out of tolerance (%3 s)</source>
        <translation>比对：%2 层中有 %1 层超出容差（%3 秒）</translation>
    </message>
    <message>
        <source> · first divergent: %1</source>
        <translation> · 第一个偏差层：%1</translation>
    </message>
    <message>
        <source>The diff failed.</source>
        <translation>比对失败。</translation>
    </message>
    <message>
        <source>Per-layer diff</source>
        <translation>逐层比对</translation>
    </message>
    <message>
        <source>Comparing every layer…</source>
        <translation>正在逐层比较…</translation>
    </message>
</context>
<context>
    <name>mb::DiffLegend</name>
    <message>
        <source>max |error|</source>
        <translation>最大 |误差|</translation>
    </message>
    <message>
        <source>max relative error</source>
        <translation>最大相对误差</translation>
    </message>
    <message>
        <source>1 − cosine</source>
        <translation>1 − 余弦相似度</translation>
    </message>
    <message>
        <source>%1 of %2 layers out of tolerance · %3 not computed</source>
        <translation>%2 层中有 %1 层超出容差 · %3 层未计算</translation>
    </message>
    <message>
        <source>Diff: %1 (log scale)</source>
        <translation>比对：%1（对数刻度）</translation>
    </message>
    <message>
        <source>tolerance %1</source>
        <translation>容差 %1</translation>
    </message>
</context>
<context>
    <name>mb::DiffPlotsPanel</name>
    <message>
        <source>The metric plotted per layer</source>
        <translation>每层绘制的指标</translation>
    </message>
    <message>
        <source>Export Plots…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Save the three plots as PNG, SVG or PDF</source>
        <translation>将三张图保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>layer (source topological order)</source>
        <translation>层（源图拓扑顺序）</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>|error| of the selected layer's elements</source>
        <translation>所选层各元素的 |误差|</translation>
    </message>
    <message>
        <source>elements</source>
        <translation>元素数</translation>
    </message>
    <message>
        <source>max |reference|</source>
        <translation>最大 |参考值|</translation>
    </message>
    <message>
        <source>max |error|</source>
        <translation>最大 |误差|</translation>
    </message>
    <message>
        <source>Diff Plots</source>
        <translation>比对图表</translation>
    </message>
    <message>
        <source>Run the per-layer diff (Tools › Run Per-Layer Diff, F5) to see plots.</source>
        <translation>运行逐层比对（工具 › 逐层比对，F5）后即可查看图表。</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>%1 of %2 compared layers out of tolerance</source>
        <translation>已比较的 %2 层中有 %1 层超出容差</translation>
    </message>
    <message>
        <source>%1 (%2 → %3): max |error| %4, max rel %5, cosine %6 — %7</source>
        <translation>%1（%2 → %3）：最大 |误差| %4，最大相对误差 %5，余弦 %6 — %7</translation>
    </message>
    <message>
        <source>within tolerance</source>
        <translation>在容差内</translation>
    </message>
    <message>
        <source>OUT OF TOLERANCE</source>
        <translation>超出容差</translation>
    </message>
    <message>
        <source>There is no diff to export: run the per-layer diff first.</source>
        <translation>没有可导出的比对结果：请先运行逐层比对。</translation>
    </message>
    <message>
        <source>%1: choose a .png, .svg or .pdf file name</source>
        <translation>%1：请选择 .png、.svg 或 .pdf 文件名</translation>
    </message>
    <message>
        <source>%1: could not be written</source>
        <translation>%1：无法写入</translation>
    </message>
    <message>
        <source>Export diff plots</source>
        <translation>导出比对图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>mb::DiffRunner</name>
    <message>
        <source>There is no converted model to compare: open an ONNX model first.</source>
        <translation>没有可比较的转换后模型：请先打开一个 ONNX 模型。</translation>
    </message>
</context>
<context>
    <name>mb::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Writes model.py, the checkpoint, the weight map and the reports exactly as &lt;tt&gt;mindbridge-cli convert --project&lt;/tt&gt; does, plus pictures of both graphs and of the diff in report.html, and report.pdf.</source>
        <translation>与 &lt;tt&gt;mindbridge-cli convert --project&lt;/tt&gt; 完全相同地写出 model.py、检查点、权重映射和报告，并在 report.html 中加入两张图和差异图，另生成 report.pdf。</translation>
    </message>
    <message>
        <source>Folder for model.py, the checkpoint and the reports</source>
        <translation>存放 model.py、检查点和报告的文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>输出文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Run the per-layer &amp;diff (diff.json, diff.csv)</source>
        <translation>运行逐层差异比较(&amp;D)（diff.json、diff.csv）</translation>
    </message>
    <message>
        <source>Run both graphs on seeded inputs and compare every layer (as --diff)</source>
        <translation>用带种子的输入运行两张图并比较每一层（同 --diff）</translation>
    </message>
    <message>
        <source>&amp;Validation data for validate.py</source>
        <translation>validate.py 的验证数据(&amp;V)</translation>
    </message>
    <message>
        <source>Seeded inputs and the source model's outputs on them</source>
        <translation>带种子的输入及源模型在其上的输出</translation>
    </message>
    <message>
        <source>Training &amp;scaffold (dataset.py, train.py, eval.py)</source>
        <translation>训练脚手架(&amp;S)（dataset.py、train.py、eval.py）</translation>
    </message>
    <message>
        <source>Templates to train and evaluate the converted model (as --scaffold)</source>
        <translation>训练和评估转换后模型的模板（同 --scaffold）</translation>
    </message>
    <message>
        <source>&amp;Replace existing files</source>
        <translation>替换已有文件(&amp;R)</translation>
    </message>
    <message>
        <source>Without this, existing files are refused by name (as --overwrite)</source>
        <translation>不勾选时，已有文件会按名称被拒绝（同 --overwrite）</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>Stop the export; nothing is written</source>
        <translation>停止导出；不写入任何文件</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Choose an output folder first.</source>
        <translation>请先选择输出文件夹。</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Source graph (ONNX)</source>
        <translation>源图（ONNX）</translation>
    </message>
    <message>
        <source>Converted graph (MindSpore)</source>
        <translation>转换后的图（MindSpore）</translation>
    </message>
    <message>
        <source>Per-layer numeric diff (last comparison in the workbench)</source>
        <translation>逐层数值差异（工作台中最近一次比较）</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>MindBridge report: %1</source>
        <translation>MindBridge 报告：%1</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
</context>
<context>
    <name>mb::GraphPane</name>
    <message>
        <source>%1 nodes · %2 boxes · %3 groups · layout %4 ms</source>
        <translation>%1 个节点 · %2 个方框 · %3 个分组 · 布局耗时 %4 毫秒</translation>
    </message>
</context>
<context>
    <name>mb::GraphScene</name>
    <message>
        <source>%1 comes from %2 far above — click to jump there</source>
        <translation>%1 来自上方远处的 %2 — 点击跳转</translation>
    </message>
</context>
<context>
    <name>mb::MainWindow</name>
    <message>
        <source>MindBridge</source>
        <translation>MindBridge</translation>
    </message>
    <message>
        <source>Source (ONNX)</source>
        <translation>源模型 (ONNX)</translation>
    </message>
    <message>
        <source>Converted (MindSpore)</source>
        <translation>转换结果 (MindSpore)</translation>
    </message>
    <message>
        <source>open an ONNX model (File › Open Model…, or drop a .onnx file here)</source>
        <translation>打开一个 ONNX 模型（文件 › 打开模型…，或将 .onnx 文件拖放到此处）</translation>
    </message>
    <message>
        <source>Laying out…</source>
        <translation>正在布局…</translation>
    </message>
    <message>
        <source>%1 — %2 nodes, opset %3%4</source>
        <translation>%1 — %2 个节点，算子集 %3%4</translation>
    </message>
    <message>
        <source>Layout cancelled.</source>
        <translation>布局已取消。</translation>
    </message>
    <message>
        <source>Opening %1 cancelled.</source>
        <translation>已取消打开 %1。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Export Selected &amp;Weight as .npy…</source>
        <translation>将所选权重导出为 .npy(&amp;W)…</translation>
    </message>
    <message>
        <source>Export weight</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation>保存截图(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Top to &amp;Bottom</source>
        <translation>从上到下(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Left to Right</source>
        <translation>从左到右(&amp;L)</translation>
    </message>
    <message>
        <source>Show Tensor &amp;Shapes on Edges</source>
        <translation>在连线上显示张量形状(&amp;S)</translation>
    </message>
    <message>
        <source>Fan-out Tensors as S&amp;tubs</source>
        <translation>扇出张量显示为短桩(&amp;T)</translation>
    </message>
    <message>
        <source>Draw tensors that feed many far-apart nodes (masks, rotary tables) as chips</source>
        <translation>将供给许多相距很远节点的张量（掩码、旋转位置表）画成小标签</translation>
    </message>
    <message>
        <source>E&amp;xpand All Groups</source>
        <translation>展开所有分组(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Collapse All Groups</source>
        <translation>折叠所有分组(&amp;C)</translation>
    </message>
    <message>
        <source>Show Converted &amp;Graph</source>
        <translation>显示转换后的图(&amp;G)</translation>
    </message>
    <message>
        <source>Lock-step Pan and Zoom</source>
        <translation>同步平移与缩放</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Find &amp;Previous</source>
        <translation>查找上一个(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Cancel Loading / Layout</source>
        <translation>取消加载/布局(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About MindBridge</source>
        <translation>关于 MindBridge(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MindBridge %1&lt;/h3&gt;&lt;p&gt;Migrates ONNX models to MindSpore and proves the conversion layer by layer.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Protocol Buffers&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;ONNX&lt;/td&gt;&lt;td&gt;%5 (operator sets up to %6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Converter&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;MindBridge %1&lt;/h3&gt;&lt;p&gt;将 ONNX 模型迁移到 MindSpore，并逐层验证转换结果。&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2（编译时版本 %3）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Protocol Buffers&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;ONNX&lt;/td&gt;&lt;td&gt;%5（算子集最高 %6）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;转换器&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>included</source>
        <translation>已包含</translation>
    </message>
    <message>
        <source>not in this build</source>
        <translation>本版本未包含</translation>
    </message>
    <message>
        <source>About MindBridge</source>
        <translation>关于 MindBridge</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>%1 nodes — laying out…</source>
        <translation>%1 个节点 — 正在布局…</translation>
    </message>
    <message>
        <source>%1 — MindBridge</source>
        <translation>%1 — MindBridge</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Could not open %1:

%2</source>
        <translation>无法打开 %1：

%2</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>converted</source>
        <translation>转换后</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
</context>
<context>
    <name>mb::ModelLoader</name>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>converting…</source>
        <translation>正在转换…</translation>
    </message>
    <message>
        <source>Converting to MindSpore…</source>
        <translation>正在转换为 MindSpore…</translation>
    </message>
    <message>
        <source>%1 MindSpore ops, %2 source ops not converted</source>
        <translation>%1 个 MindSpore 算子，%2 个源算子未转换</translation>
    </message>
    <message>
        <source>This build has no converter yet.</source>
        <translation>此版本尚未包含转换器。</translation>
    </message>
</context>
<context>
    <name>mb::NodeInspector</name>
    <message>
        <source>Select a node to see its details.</source>
        <translation>选择一个节点以查看详情。</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Export .npy…</source>
        <translation>导出 .npy…</translation>
    </message>
    <message>
        <source>Save this weight as a NumPy .npy file</source>
        <translation>将此权重保存为 NumPy .npy 文件</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>domain</source>
        <translation>域</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>作用域</translation>
    </message>
    <message>
        <source>Constructor arguments</source>
        <translation>构造参数</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Call arguments</source>
        <translation>调用参数</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>(omitted)</source>
        <translation>（省略）</translation>
    </message>
    <message>
        <source>  weight</source>
        <translation>  权重</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Converted from</source>
        <translation>转换自</translation>
    </message>
    <message>
        <source>node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>initializer</source>
        <translation>初始化器</translation>
    </message>
    <message>
        <source>Not converted</source>
        <translation>未转换</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>try</source>
        <translation>可尝试</translation>
    </message>
    <message>
        <source>No statistics for %1 (%2).</source>
        <translation>%1 无统计信息（%2）。</translation>
    </message>
    <message>
        <source>%1 elements%2&lt;br&gt;min %3 · max %4&lt;br&gt;mean %5 · std %6 · sparsity %7%</source>
        <translation>%1 个元素%2&lt;br&gt;最小值 %3 · 最大值 %4&lt;br&gt;均值 %5 · 标准差 %6 · 稀疏度 %7%</translation>
    </message>
    <message>
        <source> (sampled)</source>
        <translation>（抽样）</translation>
    </message>
    <message>
        <source>No weight selected.</source>
        <translation>未选择权重。</translation>
    </message>
    <message>
        <source>Export weight</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
</context>
<context>
    <name>mb::OverviewMap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>概览：点击或拖动以移动视图</translation>
    </message>
</context>
<context>
    <name>mb::RegexRuleDialog</name>
    <message>
        <source>Add Renaming Rule</source>
        <translation>添加重命名规则</translation>
    </message>
    <message>
        <source>ECMAScript regular expression matched against the whole source name</source>
        <translation>与完整源名称匹配的 ECMAScript 正则表达式</translation>
    </message>
    <message>
        <source>Replacement; $1, $2 … insert the pattern's groups</source>
        <translation>替换文本；$1、$2 … 插入模式中的分组</translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Replace with:</source>
        <translation>替换为：</translation>
    </message>
    <message>
        <source>Unmatched source</source>
        <translation>未匹配的源</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>变为</translation>
    </message>
    <message>
        <source>MindSpore parameter?</source>
        <translation>是否为 MindSpore 参数？</translation>
    </message>
    <message>
        <source>Add Rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>%1 source tensors are not matched yet.</source>
        <translation>还有 %1 个源张量尚未匹配。</translation>
    </message>
    <message>
        <source>&lt;span style='color:#c00'&gt;Invalid pattern: %1&lt;/span&gt;</source>
        <translation>&lt;span style='color:#c00'&gt;无效的模式：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no (built-in renames may still apply)</source>
        <translation>否（内置重命名仍可能生效）</translation>
    </message>
    <message>
        <source>The rule renames %1 unmatched names; %2 of them become MindSpore parameters.</source>
        <translation>该规则重命名了 %1 个未匹配的名称，其中 %2 个成为 MindSpore 参数。</translation>
    </message>
</context>
<context>
    <name>mb::ProjectActions</name>
    <message>
        <source>&amp;New Project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>Start an untitled project for the open model with default settings</source>
        <translation>以默认设置为当前模型新建未命名项目</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>Open a MindBridge project (.mbproj) and its model</source>
        <translation>打开 MindBridge 项目（.mbproj）及其模型</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>MindBridge projects (%1);;All files (*)</source>
        <translation>MindBridge 项目 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project's settings and edits (.mbproj)</source>
        <translation>保存项目的设置和编辑（.mbproj）</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>以新名称保存项目</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Write model.py, the checkpoint, the weight map and the reports (HTML with pictures, PDF) as mindbridge-cli convert --project does</source>
        <translation>与 mindbridge-cli convert --project 相同地写出 model.py、检查点、权重映射和报告（带图片的 HTML、PDF）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>%1[*] — MindBridge</source>
        <translation>%1[*] — MindBridge</translation>
    </message>
    <message>
        <source>Could not open the project %1:

%2</source>
        <translation>无法打开项目 %1：

%2</translation>
    </message>
    <message>
        <source>The project's model is missing</source>
        <translation>项目的模型不存在</translation>
    </message>
    <message>
        <source>%1

The project is open with all its settings. Point it to the model's new place with File › Open Model…; saving then records the new place.</source>
        <translation>%1

项目已带着全部设置打开。请用“文件 › 打开模型…”指向模型的新位置；保存后将记录新位置。</translation>
    </message>
    <message>
        <source>Locate the Model</source>
        <translation>查找模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The project's model has changed</source>
        <translation>项目的模型已更改</translation>
    </message>
    <message>
        <source>%1

The project opens with the model as it is now. Convert and compare again before trusting earlier results; saving records the new digest.</source>
        <translation>%1

项目将以模型当前的内容打开。在信任之前的结果前，请重新转换并比较；保存后将记录新的摘要。</translation>
    </message>
    <message>
        <source>Use model %1</source>
        <translation>使用模型 %1</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Could not save %1:

%2</source>
        <translation>无法保存 %1：

%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>untitled.mbproj</source>
        <translation>未命名.mbproj</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>MindBridge projects (%1)</source>
        <translation>MindBridge 项目 (%1)</translation>
    </message>
    <message>
        <source>New project: open a model with File › Open Model…</source>
        <translation>新项目：请用“文件 › 打开模型…”打开一个模型</translation>
    </message>
    <message>
        <source>New project for %1 with default settings</source>
        <translation>已为 %1 新建默认设置的项目</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The project %1 has unsaved changes. Save them?</source>
        <translation>项目 %1 有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <source>Recover Unsaved Changes</source>
        <translation>恢复未保存的更改</translation>
    </message>
    <message>
        <source>MindBridge did not close normally. Unsaved changes to %1, autosaved %2, can be recovered.</source>
        <translation>MindBridge 上次未正常关闭。%1 的未保存更改（自动保存于 %2）可以恢复。</translation>
    </message>
    <message>
        <source>Recover opens them as an unsaved edit you can undo or save. Discard deletes them. Later keeps them for the next start.</source>
        <translation>“恢复”会将其作为可撤销或保存的未保存编辑打开；“丢弃”会删除它们；“稍后”会保留到下次启动。</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>Recovered changes</source>
        <translation>恢复的更改</translation>
    </message>
    <message>
        <source>Recovered unsaved changes</source>
        <translation>已恢复未保存的更改</translation>
    </message>
</context>
<context>
    <name>mb::ScriptMigrationWindow</name>
    <message>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <source>Not converted</source>
        <translation>未转换</translation>
    </message>
    <message>
        <source>Migrate PyTorch Script — MindBridge</source>
        <translation>迁移 PyTorch 脚本 — MindBridge</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <source>Open Script…</source>
        <translation>打开脚本…</translation>
    </message>
    <message>
        <source>Open PyTorch script</source>
        <translation>打开 PyTorch 脚本</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>Save Rewritten Script…</source>
        <translation>保存改写后的脚本…</translation>
    </message>
    <message>
        <source>Write the reviewed script and its reports into a folder</source>
        <translation>将审阅后的脚本及其报告写入文件夹</translation>
    </message>
    <message>
        <source>Target API: </source>
        <translation>目标 API：</translation>
    </message>
    <message>
        <source>classic (mindspore.nn / ops)</source>
        <translation>classic（mindspore.nn / ops）</translation>
    </message>
    <message>
        <source>mint (mindspore.mint)</source>
        <translation>mint（mindspore.mint）</translation>
    </message>
    <message>
        <source>Which MindSpore API the rewrite uses</source>
        <translation>改写使用哪一套 MindSpore API</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>全部接受</translation>
    </message>
    <message>
        <source>Reject All</source>
        <translation>全部拒绝</translation>
    </message>
    <message>
        <source>Check Keys Against Open Model</source>
        <translation>与已打开模型核对参数键</translation>
    </message>
    <message>
        <source>Compare the parameters the rewritten model creates with the converted model's checkpoint keys</source>
        <translation>将改写后模型创建的参数与转换后模型的 checkpoint 键进行比较</translation>
    </message>
    <message>
        <source>PyTorch (original)</source>
        <translation>PyTorch（原始）</translation>
    </message>
    <message>
        <source>MindSpore (rewritten)</source>
        <translation>MindSpore（改写后）</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>MindSpore</source>
        <translation>MindSpore</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Open a PyTorch model script (.py).</source>
        <translation>请打开一个 PyTorch 模型脚本（.py）。</translation>
    </message>
    <message>
        <source>%1 — Migrate PyTorch Script — MindBridge</source>
        <translation>%1 — 迁移 PyTorch 脚本 — MindBridge</translation>
    </message>
    <message>
        <source>%1 converted, %2 not converted (%3 %) · target %4</source>
        <translation>已转换 %1 处，未转换 %2 处（%3 %）· 目标 %4</translation>
    </message>
    <message>
        <source>Kept as written and marked in the rewritten script</source>
        <translation>保持原样，并在改写后的脚本中标注</translation>
    </message>
    <message>
        <source>No script is open.</source>
        <translation>没有打开的脚本。</translation>
    </message>
    <message>
        <source>%1: the rewritten script would replace the original; choose another folder</source>
        <translation>%1：改写后的脚本会覆盖原文件，请选择其他文件夹</translation>
    </message>
    <message>
        <source>Saved %1 and its reports in %2</source>
        <translation>已将 %1 及其报告保存到 %2</translation>
    </message>
    <message>
        <source>Save rewritten script into</source>
        <translation>将改写后的脚本保存到</translation>
    </message>
    <message>
        <source>Save rewritten script</source>
        <translation>保存改写后的脚本</translation>
    </message>
    <message>
        <source>%1 exists. Replace it and its reports?</source>
        <translation>%1 已存在。是否替换它及其报告？</translation>
    </message>
    <message>
        <source>Open and convert the model's ONNX export in the workbench first.</source>
        <translation>请先在工作台中打开并转换该模型导出的 ONNX 文件。</translation>
    </message>
    <message>
        <source>The rewritten script does not parse: %1</source>
        <translation>改写后的脚本无法解析：%1</translation>
    </message>
    <message>
        <source>… %1 more</source>
        <translation>… 另有 %1 个</translation>
    </message>
    <message>
        <source>%1 creates exactly the %2 parameter keys of the converted model.</source>
        <translation>%1 创建的参数键与转换后模型的 %2 个键完全一致。</translation>
    </message>
    <message>
        <source>%1: %2 keys match; only in the script: %3; only in the converted model: %4.</source>
        <translation>%1：%2 个键一致；仅在脚本中：%3；仅在转换后模型中：%4。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Migrate PyTorch &amp;Script…</source>
        <translation>迁移 PyTorch 脚本(&amp;S)…</translation>
    </message>
    <message>
        <source>Rewrite a PyTorch model script to MindSpore and review each change</source>
        <translation>将 PyTorch 模型脚本改写为 MindSpore，并逐项审阅修改</translation>
    </message>
</context>
<context>
    <name>mb::SearchBar</name>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>node name, op type or tensor name</source>
        <translation>节点名、算子类型或张量名</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配 (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配 (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
<context>
    <name>mb::WeightMapModel</name>
    <message>
        <source>another source is mapped onto %1 too</source>
        <translation>另一个源也映射到了 %1</translation>
    </message>
    <message>
        <source>its parameter %1 was taken by the manual pair of %2</source>
        <translation>它的参数 %1 被 %2 的手动配对占用了</translation>
    </message>
    <message>
        <source>takes %1 from %2, which matched it automatically</source>
        <translation>从自动匹配的 %2 处占用了 %1</translation>
    </message>
    <message>
        <source>no model open</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>PyTorch name</source>
        <translation>PyTorch 名称</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>MindSpore name</source>
        <translation>MindSpore 名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>mb::WeightMapPanel</name>
    <message>
        <source>Open Weights…</source>
        <translation>打开权重…</translation>
    </message>
    <message>
        <source>A .pth, .safetensors or .ckpt file to map onto the model</source>
        <translation>要映射到模型上的 .pth、.safetensors 或 .ckpt 文件</translation>
    </message>
    <message>
        <source>Add Rule…</source>
        <translation>添加规则…</translation>
    </message>
    <message>
        <source>Rename unmatched source names with a regular expression</source>
        <translation>用正则表达式重命名未匹配的源名称</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Pairs from a weight_map.json, or a rules file</source>
        <translation>从 weight_map.json 或规则文件导入配对</translation>
    </message>
    <message>
        <source>Import weight map</source>
        <translation>导入权重映射</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write weight_map.json (MindConverter's format)</source>
        <translation>写出 weight_map.json（MindConverter 格式）</translation>
    </message>
    <message>
        <source>Export weight map</source>
        <translation>导出权重映射</translation>
    </message>
    <message>
        <source>Write Checkpoint…</source>
        <translation>写出 Checkpoint…</translation>
    </message>
    <message>
        <source>Write the mapped weights as a MindSpore .ckpt</source>
        <translation>将映射后的权重写为 MindSpore .ckpt</translation>
    </message>
    <message>
        <source>Write checkpoint</source>
        <translation>写出 checkpoint</translation>
    </message>
    <message>
        <source>MindSpore checkpoint (*.ckpt)</source>
        <translation>MindSpore checkpoint (*.ckpt)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>已匹配</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>Show entries by status</source>
        <translation>按状态显示条目</translation>
    </message>
    <message>
        <source>Filter names…</source>
        <translation>筛选名称…</translation>
    </message>
    <message>
        <source>Open the model's weights (.pth, .safetensors or .ckpt) to map them.</source>
        <translation>打开模型的权重（.pth、.safetensors 或 .ckpt）以进行映射。</translation>
    </message>
    <message>
        <source>Weight Mapping</source>
        <translation>权重映射</translation>
    </message>
    <message>
        <source>Open &amp;Weights…</source>
        <translation>打开权重(&amp;W)…</translation>
    </message>
    <message>
        <source>Map a PyTorch state dict, safetensors or checkpoint onto the model</source>
        <translation>将 PyTorch state dict、safetensors 或 checkpoint 映射到模型上</translation>
    </message>
    <message>
        <source>%1: %2 tensors (%3) — open the model to map them onto its MindSpore parameters.</source>
        <translation>%1：%2 个张量（%3）— 打开模型即可将其映射到 MindSpore 参数上。</translation>
    </message>
    <message>
        <source>%1: %2 of %3 MindSpore parameters matched · %4 missing · %5 unexpected · %6 dropped · %7 conflicts</source>
        <translation>%1：%3 个 MindSpore 参数中已匹配 %2 个 · 缺失 %4 · 多余 %5 · 丢弃 %6 · 冲突 %7</translation>
    </message>
    <message>
        <source>Unpair %1</source>
        <translation>取消 %1 的配对</translation>
    </message>
    <message>
        <source>Map %1 → %2</source>
        <translation>映射 %1 → %2</translation>
    </message>
    <message>
        <source>Add rule %1 → %2</source>
        <translation>添加规则 %1 → %2</translation>
    </message>
    <message>
        <source>Open weights</source>
        <translation>打开权重</translation>
    </message>
    <message>
        <source>Weights (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>权重 (*.pth *.pt *.safetensors *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation>已读取 %1</translation>
    </message>
    <message>
        <source>Could not read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>%1: cannot be opened for reading</source>
        <translation>%1：无法打开读取</translation>
    </message>
    <message>
        <source>%1: not a JSON object (a weight_map.json or a rules file)</source>
        <translation>%1：不是 JSON 对象（应为 weight_map.json 或规则文件）</translation>
    </message>
    <message>
        <source>%1: holds no weight pairs or rules</source>
        <translation>%1：不包含权重配对或规则</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Open a model and its weights before exporting the weight map.</source>
        <translation>导出权重映射前，请先打开模型及其权重。</translation>
    </message>
    <message>
        <source>Open a model and its weights before writing a checkpoint.</source>
        <translation>写出 checkpoint 前，请先打开模型及其权重。</translation>
    </message>
    <message>
        <source>%1 MindSpore parameters have no source yet; map them first (filter Problems).</source>
        <translation>还有 %1 个 MindSpore 参数没有来源；请先完成映射（筛选“有问题”）。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写出 %1…</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写出 %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写出 %1</translation>
    </message>
</context>
</TS>