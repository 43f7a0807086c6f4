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
    <name>mb::DiffRunner</name>
    <message>
        <source>There is no converted model to compare: open an ONNX model first.</source>
        <translation>没有可比较的转换后模型：请先打开一个 ONNX 模型。</translation>
    </message>
</context>
<context>
    <name>mb::FixDialog</name>
    <message>
        <source>Fix %1</source>
        <translation>修复 %1</translation>
    </message>
    <message>
        <source>input %1: (omitted)</source>
        <translation>输入 %1：（省略）</translation>
    </message>
    <message>
        <source>input %1: %2 %3</source>
        <translation>输入 %1：%2 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2）&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>Apply Fix</source>
        <translation>应用修复</translation>
    </message>
    <message>
        <source>Search MindSpore 2.7's API, e.g. ops gelu</source>
        <translation>搜索 MindSpore 2.7 API，例如 ops gelu</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Value: empty = the default; "input N" = the node's input N (call parameters, in order); "@name" = the node's attribute name; else a Python literal (1, 0.5, True, None, 'same', [1, 2])</source>
        <translation>值：留空 = 默认值；"input N" = 节点的第 N 个输入（调用参数，按顺序）；"@name" = 节点的属性 name；其他为 Python 字面量（1、0.5、True、None、'same'、[1, 2]）</translation>
    </message>
    <message>
        <source>MindSpore API</source>
        <translation>MindSpore API</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;code&gt;%2&lt;/code&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;code&gt;%2&lt;/code&gt;</translation>
    </message>
    <message>
        <source>call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>constructor</source>
        <translation>构造函数</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Replace the node by ops the converter supports; the per-layer diff verifies it.</source>
        <translation>用转换器支持的算子组合替换该节点；逐层对比会验证它。</translation>
    </message>
    <message>
        <source>%1 — fits this op</source>
        <translation>%1 — 适用于此算子</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; stands for %2&lt;br&gt;%3&lt;br&gt;attributes: %4&lt;br&gt;&lt;code&gt;%5&lt;/code&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 代替 %2&lt;br&gt;%3&lt;br&gt;属性：%4&lt;br&gt;&lt;code&gt;%5&lt;/code&gt;</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>A Python Cell emitted into model.py as written. The diff cannot run it and marks the node unverified.</source>
        <translation>按原样写入 model.py 的 Python Cell。逐层对比无法运行它，会将该节点标记为未验证。</translation>
    </message>
    <message>
        <source>the first class in the code</source>
        <translation>代码中的第一个类</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类：</translation>
    </message>
    <message>
        <source>Code Snippet</source>
        <translation>代码片段</translation>
    </message>
    <message>
        <source>Attributes the converter sees for this node (edit a value, clear it to remove the attribute, or add one in the last row).</source>
        <translation>转换器看到的该节点属性（编辑值；清空以删除属性；或在最后一行添加）。</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>its own op type</source>
        <translation>其自身的算子类型</translation>
    </message>
    <message>
        <source>Convert the node as if it were this op ("Relu", "com.microsoft::Gelu"); "unconverted" keeps it unconverted</source>
        <translation>将该节点当作此算子转换（"Relu"、"com.microsoft::Gelu"）；"unconverted" 保持不转换</translation>
    </message>
    <message>
        <source>Convert as:</source>
        <translation>转换为：</translation>
    </message>
    <message>
        <source>Attribute Overrides</source>
        <translation>属性覆盖</translation>
    </message>
    <message>
        <source>Choose an API from the list.</source>
        <translation>请从列表中选择一个 API。</translation>
    </message>
    <message>
        <source>%1: a node input can only be a call parameter, and inputs come first (in order, without gaps).</source>
        <translation>%1：节点输入只能作为调用参数，且输入必须排在最前（按顺序，无空缺）。</translation>
    </message>
    <message>
        <source>API %1</source>
        <translation>API %1</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>请选择一个模板。</translation>
    </message>
    <message>
        <source>template %1</source>
        <translation>模板 %1</translation>
    </message>
    <message>
        <source>code snippet</source>
        <translation>代码片段</translation>
    </message>
    <message>
        <source>attribute overrides</source>
        <translation>属性覆盖</translation>
    </message>
    <message>
        <source>Fix %1 by %2</source>
        <translation>用 %2 修复 %1</translation>
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
    <name>mb::InputsPanel</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Double-click a shape to edit it: a size or a name per dim, e.g. batch,3,224,224 or 1,3,320,320</source>
        <translation>双击形状进行编辑：每个维度为大小或名称，例如 batch,3,224,224 或 1,3,320,320</translation>
    </message>
    <message>
        <source>the model's own inputs</source>
        <translation>模型自身的输入</translation>
    </message>
    <message>
        <source>Tensor or node names where the converted part starts, separated by commas (MindConverter's --input_nodes)</source>
        <translation>转换部分开始处的张量或节点名称，以逗号分隔（MindConverter 的 --input_nodes）</translation>
    </message>
    <message>
        <source>the model's own outputs</source>
        <translation>模型自身的输出</translation>
    </message>
    <message>
        <source>Tensor or node names where the converted part ends, separated by commas (MindConverter's --output_nodes)</source>
        <translation>转换部分结束处的张量或节点名称，以逗号分隔（MindConverter 的 --output_nodes）</translation>
    </message>
    <message>
        <source>Input nodes:</source>
        <translation>输入节点：</translation>
    </message>
    <message>
        <source>Output nodes:</source>
        <translation>输出节点：</translation>
    </message>
    <message>
        <source>Selected → Input</source>
        <translation>所选 → 输入</translation>
    </message>
    <message>
        <source>Use the node selected in the source graph as an input node</source>
        <translation>将源图中所选节点用作输入节点</translation>
    </message>
    <message>
        <source>Selected → Output</source>
        <translation>所选 → 输出</translation>
    </message>
    <message>
        <source>Use the node selected in the source graph as an output node</source>
        <translation>将源图中所选节点用作输出节点</translation>
    </message>
    <message>
        <source>Re-convert</source>
        <translation>重新转换</translation>
    </message>
    <message>
        <source>Import and convert the model again with these inputs</source>
        <translation>使用这些输入重新导入并转换模型</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Use Selected Node as &amp;Input</source>
        <translation>将所选节点用作输入(&amp;I)</translation>
    </message>
    <message>
        <source>Use Selected Node as &amp;Output</source>
        <translation>将所选节点用作输出(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Re-convert</source>
        <translation>重新转换(&amp;R)</translation>
    </message>
    <message>
        <source>'%1': %2 (%3)</source>
        <translation>'%1'：%2（%3）</translation>
    </message>
    <message>
        <source>Set shape of %1 to %2</source>
        <translation>将 %1 的形状设为 %2</translation>
    </message>
    <message>
        <source>Set input nodes</source>
        <translation>设置输入节点</translation>
    </message>
    <message>
        <source>Set output nodes</source>
        <translation>设置输出节点</translation>
    </message>
    <message>
        <source>Select a node in the source graph first.</source>
        <translation>请先在源图中选择一个节点。</translation>
    </message>
    <message>
        <source>The selected node has no name; type one of its output tensors.</source>
        <translation>所选节点没有名称；请输入它的某个输出张量。</translation>
    </message>
    <message>
        <source>Use %1 as output node</source>
        <translation>将 %1 用作输出节点</translation>
    </message>
    <message>
        <source>Use %1 as input node</source>
        <translation>将 %1 用作输入节点</translation>
    </message>
    <message>
        <source>The selected node has no data input to start from.</source>
        <translation>所选节点没有可作为起点的数据输入。</translation>
    </message>
    <message>
        <source>set by you</source>
        <translation>由您设置</translation>
    </message>
    <message>
        <source>model's</source>
        <translation>模型自带</translation>
    </message>
    <message>
        <source>converted as %1</source>
        <translation>按 %1 转换</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Re-conversion failed: %1</source>
        <translation>重新转换失败：%1</translation>
    </message>
    <message>
        <source>Converting…</source>
        <translation>正在转换…</translation>
    </message>
    <message>
        <source>Open a model to set its inputs.</source>
        <translation>打开模型以设置其输入。</translation>
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
    <message>
        <source>Re-conversion failed: %1</source>
        <translation>重新转换失败：%1</translation>
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
    <name>mb::UnconvertedPanel</name>
    <message>
        <source>API %1</source>
        <translation>API %1</translation>
    </message>
    <message>
        <source>template %1</source>
        <translation>模板 %1</translation>
    </message>
    <message>
        <source>code snippet (unverified)</source>
        <translation>代码片段（未验证）</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Suggested APIs</source>
        <translation>建议的 API</translation>
    </message>
    <message>
        <source>Fix…</source>
        <translation>修复…</translation>
    </message>
    <message>
        <source>Pick a MindSpore API, a template or write a snippet for the selected node</source>
        <translation>为所选节点选择 MindSpore API、模板或编写代码片段</translation>
    </message>
    <message>
        <source>Remove Fix</source>
        <translation>移除修复</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2&lt;br&gt;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>Suggested: %1</source>
        <translation>建议：%1</translation>
    </message>
    <message>
        <source>Unconverted Ops</source>
        <translation>未转换算子</translation>
    </message>
    <message>
        <source>Open a model to see the ops it could not convert.</source>
        <translation>打开模型以查看无法转换的算子。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>attribute overrides</source>
        <translation>属性覆盖</translation>
    </message>
    <message>
        <source>converted as %1</source>
        <translation>按 %1 转换</translation>
    </message>
    <message>
        <source>Fixed by you (%1)</source>
        <translation>您已修复（%1）</translation>
    </message>
    <message>
        <source>Every op converted.</source>
        <translation>所有算子均已转换。</translation>
    </message>
    <message numerus="yes">
        <source>%n op(s) not converted. Select one and choose Fix….</source>
        <translation>
            <numerusform>%n 个算子未转换。选择一个并点击“修复…”。</numerusform></translation>
    </message>
    <message>
        <source>Remove fix of %1</source>
        <translation>移除 %1 的修复</translation>
    </message>
</context>
</TS>